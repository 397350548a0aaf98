-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('crm', 'contacts') }}
    where {{ is_not_erased('crm', 'contacts', '"Id"') }}

),

valid_accounts as (

    select account_id from {{ ref('base_crm__accounts') }}
    where quarantine_reason is null

),

standardized as (

    select
        {{ clean_text('source."Id"') }} as contact_id,
        {{ clean_text('source."AccountId"') }} as source_account_id,
        {{ clean_text('source."Salutation"') }} as salutation,
        {{ standardize_person(
            first_name='source."FirstName"',
            last_name='source."LastName"',
            email='source."Email"',
            phone='coalesce(source."Phone", source."MobilePhone")',
            birth_date='source."Birthdate"',
            birth_date_formats=['%Y-%m-%d', '%m/%d/%Y'],
            street='source."MailingStreet"',
            city='source."MailingCity"',
            state='source."MailingState"',
            postal_code='source."MailingPostalCode"',
            country='source."MailingCountry"',
        ) }},
        {{ clean_text('source."LeadSource"') }} as lead_source,
        {{ to_utc_timestamp('source."CreatedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as created_at,
        {{ to_utc_timestamp('source."LastModifiedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as last_modified_at,
        timezone('UTC', source._loaded_at) as loaded_at,
        to_json(source) as raw_row
    from source

),

linked as (

    select
        standardized.*,
        valid_accounts.account_id,
        (
            standardized.source_account_id is not null and valid_accounts.account_id is null
        ) as has_unknown_account
    from standardized
    left join valid_accounts
        on standardized.source_account_id = valid_accounts.account_id

),

checked as (

    select
        *,
        {{ person_quarantine_reason('contact_id', 'last_modified_at desc nulls last, raw_row') }} as quarantine_reason
    from linked

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
