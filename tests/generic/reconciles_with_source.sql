{#- Nothing is lost: every raw row of the source table is staged in this model, quarantined with a reason,
    or removed by an erasure request (counted, never stored). Fails with the four counts when they do not
    add up. -#}
{% test reconciles_with_source(model, source_name, table_name, key_column=none) %}

with

raw_rows as (

    select count(*) as row_count from {{ source(source_name, table_name) }}

),

staged_rows as (

    select count(*) as row_count from {{ model }}

),

quarantined_rows as (

    select count(*) as row_count from {{ ref('stg_quarantine__rows') }}
    where source_system = '{{ source_name }}' and source_table = '{{ table_name }}'

),

erased_rows as (

    {% if key_column -%}
        select count(*) as row_count from {{ source(source_name, table_name) }}
        where not {{ is_not_erased(source_name, table_name, key_column) }}
    {%- else -%}
        select 0 as row_count
    {%- endif %}

),

compared as (

    select
        raw_rows.row_count as raw_row_count,
        staged_rows.row_count as staged_row_count,
        quarantined_rows.row_count as quarantined_row_count,
        erased_rows.row_count as erased_row_count
    from raw_rows
    cross join staged_rows
    cross join quarantined_rows
    cross join erased_rows

)

select * from compared
where raw_row_count != staged_row_count + quarantined_row_count + erased_row_count

{% endtest %}
