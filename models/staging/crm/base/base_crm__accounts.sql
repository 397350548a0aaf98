-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('crm', 'accounts') }}

),

standardized as (

    select
        {{ clean_text('source."Id"') }} as account_id,
        {{ clean_text('source."Name"') }} as account_name,
        {{ clean_text('source."Type"') }} as account_type,
        {{ clean_text('source."Industry"') }} as industry,
        {{ clean_text('source."BillingStreet"') }} as billing_street_address,
        {{ normalize_street('source."BillingStreet"') }} as billing_street_address_normalized,
        {{ clean_text('source."BillingCity"') }} as billing_city,
        {{ normalize_state('source."BillingState"') }} as billing_state_code,
        {{ normalize_postal_code(
            clean_text('source."BillingPostalCode"'),
            normalize_country('source."BillingCountry"')
        ) }} as billing_postal_code,
        {{ normalize_country('source."BillingCountry"') }} as billing_country_code,
        coalesce(source."IsDeleted", false) as is_deleted,
        {{ to_utc_timestamp('source."CreatedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as created_at,
        {{ to_utc_timestamp('source."LastModifiedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as last_modified_at,
        timezone('UTC', source._loaded_at) as loaded_at,
        to_json(source) as raw_row
    from source

),

checked as (

    select
        *,
        case
            when account_id is null then 'missing_primary_key'
            when {{ has_lost_text('raw_row') }} then 'invalid_text_encoding'
            when {{ is_later_copy('account_id', 'last_modified_at desc nulls last, raw_row') }}
                then 'duplicate_primary_key'
            when created_at is null then 'invalid_timestamp'
            when created_at > {{ future_cutoff('loaded_at') }} then 'future_timestamp'
        end as quarantine_reason
    from standardized

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
