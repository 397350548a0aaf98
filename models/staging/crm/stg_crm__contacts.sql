with

base as (

    select * from {{ ref('base_crm__contacts') }}

),

staged as (

    select * exclude (raw_row, raw_row_id, quarantine_reason, source_account_id)
    from base
    where quarantine_reason is null

)

select * from staged
