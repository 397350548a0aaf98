{#- True for a raw row that no erasure request removes (stg_privacy__erased_records): staging filters its
    sources with it, so an erased person's rows reach neither the warehouse nor the quarantine. -#}
{% macro is_not_erased(source_system, source_table, key_column) -%}
    not exists (
        select 1
        from {{ ref('stg_privacy__erased_records') }} as erased
        where
            erased.source_system = '{{ source_system }}'
            and erased.source_table = '{{ source_table }}'
            and erased.source_record_id = cast({{ key_column }} as varchar)
    )
{%- endmacro %}
