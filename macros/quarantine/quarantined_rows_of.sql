{#- The rejected rows of one base model in the shape of stg_quarantine__rows. -#}
{% macro quarantined_rows_of(base_model, source_system, source_table, key_column) -%}
    select
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        cast({{ key_column }} as varchar) as source_record_id,
        quarantine_reason,
        raw_row,
        raw_row_id,
        loaded_at
    from {{ ref(base_model) }}
    where quarantine_reason is not null
{%- endmacro %}
