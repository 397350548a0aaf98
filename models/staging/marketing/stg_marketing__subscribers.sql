with

base as (

    select * from {{ ref('base_marketing__subscribers') }}

),

staged as (

    select * exclude (raw_row, raw_row_id, quarantine_reason)
    from base
    where quarantine_reason is null

)

select * from staged
