-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('shop', 'customers') }}
    where {{ is_not_erased('shop', 'customers', 'id') }}

),

standardized as (

    select
        source.id as customer_id,
        {{ standardize_person(
            first_name='source.first_name',
            last_name='source.last_name',
            email='source.email',
            phone='source.phone',
            birth_date='source.birthday',
            birth_date_formats=['%m/%d/%Y', '%Y-%m-%d'],
            street="concat_ws(' ', source.address1, source.address2)",
            city='source.city',
            state='source.province_code',
            postal_code='source.zip',
            country='source.country_code',
        ) }},
        {{ clean_text('source.address2') }} as address_line_2,
        lower({{ clean_text('source.state') }}) as account_state,
        lower({{ clean_text('source.tags') }}) as tags,
        coalesce(lower({{ clean_text('source.tags') }}) = 'guest', false) as is_guest,
        coalesce(source.verified_email, false) as is_email_verified,
        coalesce(source.accepts_marketing, false) as has_marketing_consent,
        {{ to_utc_timestamp('source.created_at', ['%Y-%m-%dT%H:%M:%S%z']) }} as created_at,
        {{ to_utc_timestamp('source.updated_at', ['%Y-%m-%dT%H:%M:%S%z']) }} as last_modified_at,
        timezone('UTC', source._loaded_at) as loaded_at,
        to_json(source) as raw_row
    from source

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
