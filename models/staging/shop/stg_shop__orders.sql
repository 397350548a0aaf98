with

base as (

    select * from {{ ref('base_shop__orders') }}

),

staged as (

    select * exclude (raw_row, raw_row_id, quarantine_reason, source_customer_id)
    from base
    where quarantine_reason is null

)

select * from staged
