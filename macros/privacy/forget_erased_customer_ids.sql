{#- post-hook of int_identity_events_logged: the event history must not keep the customer ids of erased people.
    Runs before dim_customer_xref is rebuilt, so the previous build's cross-reference still maps the erased
    records (stg_privacy__erased_records) to the ids they had. -#}
{% macro forget_erased_customer_ids() %}
    {%- set previous_xref = previous_customer_xref() -%}
    {%- if execute and previous_xref is not none -%}
        delete from {{ this }}
        where customer_id in (select erased_ids.customer_id from ({{ _erased_customer_ids(previous_xref) }}) as erased_ids)
        or related_customer_id in (
            select erased_ids.customer_id from ({{ _erased_customer_ids(previous_xref) }}) as erased_ids
        )
    {%- else -%}
        select 1
    {%- endif -%}
{% endmacro %}

{% macro _erased_customer_ids(previous_xref) -%}
    select distinct xref.customer_id
    from {{ previous_xref }} as xref
    inner join {{ ref('stg_privacy__erased_records') }} as erased
        on
            xref.source_system = erased.source_system
            and xref.source_table = erased.source_table
            and xref.source_record_id = erased.source_record_id
{%- endmacro %}
