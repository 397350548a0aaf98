{#- Nothing is lost: every raw row of the source table is either staged in this model or
    quarantined with a reason. Fails with the three counts when they do not add up. -#}
{% test reconciles_with_source(model, source_name, table_name) %}

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

compared as (

    select
        raw_rows.row_count as raw_row_count,
        staged_rows.row_count as staged_row_count,
        quarantined_rows.row_count as quarantined_row_count
    from raw_rows
    cross join staged_rows
    cross join quarantined_rows

)

select * from compared
where raw_row_count != staged_row_count + quarantined_row_count

{% endtest %}
