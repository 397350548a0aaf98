-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('crm', 'opportunities') }}

),

valid_accounts as (

    select account_id from {{ ref('base_crm__accounts') }}
    where quarantine_reason is null

),

standardized as (

    select
        {{ clean_text('source."Id"') }} as opportunity_id,
        {{ clean_text('source."AccountId"') }} as account_id,
        {{ clean_text('source."ContactId"') }} as primary_contact_id,
        {{ clean_text('source."Name"') }} as opportunity_name,
        lower({{ clean_text('source."StageName"') }}) as stage_name,
        try_cast(source."Amount" as decimal(18, 2)) as amount_usd,
        try_cast(source."Probability" as double) / 100 as win_probability,
        cast(try_strptime(trim(source."CloseDate"), '%Y-%m-%d') as date) as close_date,
        coalesce(source."IsClosed", false) as is_closed,
        coalesce(source."IsWon", false) as is_won,
        {{ to_utc_timestamp('source."CreatedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as created_at,
        timezone('UTC', source._loaded_at) as loaded_at,
        to_json(source) as raw_row
    from source

),

checked as (

    select
        standardized.*,
        case
            when standardized.opportunity_id is null then 'missing_primary_key'
            when {{ has_lost_text('standardized.raw_row') }} then 'invalid_text_encoding'
            when {{ is_later_copy('standardized.opportunity_id', 'standardized.raw_row', 'standardized.raw_row') }}
                then 'duplicate_primary_key'
            when valid_accounts.account_id is null then 'orphan_foreign_key'
            when standardized.amount_usd < 0 then 'negative_amount'
            when standardized.amount_usd is null and standardized.raw_row ->> 'Amount' is not null
                then 'invalid_amount'
            when standardized.created_at is null then 'invalid_timestamp'
            when standardized.created_at > {{ future_cutoff('standardized.loaded_at') }} then 'future_timestamp'
        end as quarantine_reason
    from standardized
    left join valid_accounts
        on standardized.account_id = valid_accounts.account_id

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
