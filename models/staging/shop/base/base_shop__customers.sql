-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('shop', 'customers') }}
    where {{ is_not_erased('shop', 'customers', 'id') }}

),

repaired as (

    {#- text that was UTF-8 read as Windows-1252 on its way here is read as typed; the raw row keeps what
        came -#}
    select
        {{ select_repaired('source', ['first_name', 'last_name', 'address1', 'address2', 'city']) }},
        to_json(source) as raw_row
    from source

),

standardized as (

    select
        repaired.id as customer_id,
        {{ standardize_person(
            first_name='repaired.first_name',
            last_name='repaired.last_name',
            email='repaired.email',
            phone='repaired.phone',
            birth_date='repaired.birthday',
            birth_date_formats=['%m/%d/%Y', '%Y-%m-%d'],
            street="concat_ws(' ', repaired.address1, repaired.address2)",
            city='repaired.city',
            state='repaired.province_code',
            postal_code='repaired.zip',
            country='repaired.country_code',
        ) }},
        {{ clean_text('repaired.address2') }} as address_line_2,
        lower({{ clean_text('repaired.state') }}) as account_state,
        lower({{ clean_text('repaired.tags') }}) as tags,
        coalesce(lower({{ clean_text('repaired.tags') }}) = 'guest', false) as is_guest,
        coalesce(repaired.verified_email, false) as is_email_verified,
        coalesce(repaired.accepts_marketing, false) as has_marketing_consent,
        {{ to_utc_timestamp('repaired.created_at', ['%Y-%m-%dT%H:%M:%S%z']) }} as created_at,
        {{ to_utc_timestamp('repaired.updated_at', ['%Y-%m-%dT%H:%M:%S%z']) }} as last_modified_at,
        timezone('UTC', repaired._loaded_at) as loaded_at,
        repaired.raw_row
    from repaired

),

checked as (

    select
        *,
        {{ person_quarantine_reason('customer_id', 'last_modified_at desc nulls last, raw_row') }} as quarantine_reason
    from standardized

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
