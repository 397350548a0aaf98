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

repaired as (

    {#- text that was UTF-8 read as Windows-1252 on its way here is read as typed; the raw row keeps what
        came -#}
    select
        {{ select_repaired('source', [
            '"FirstName"', '"LastName"', '"MailingStreet"', '"MailingCity"', '"MailingState"', '"MailingCountry"',
        ]) }},
        to_json(source) as raw_row
    from source

),

standardized as (

    select
        {{ clean_text('repaired."Id"') }} as contact_id,
        {{ clean_text('repaired."AccountId"') }} as source_account_id,
        {{ clean_text('repaired."Salutation"') }} as salutation,
        {{ standardize_person(
            first_name='repaired."FirstName"',
            last_name='repaired."LastName"',
            email='repaired."Email"',
            phone='coalesce(repaired."Phone", repaired."MobilePhone")',
            birth_date='repaired."Birthdate"',
            birth_date_formats=['%Y-%m-%d', '%m/%d/%Y'],
            street='repaired."MailingStreet"',
            city='repaired."MailingCity"',
            state='repaired."MailingState"',
            postal_code='repaired."MailingPostalCode"',
            country='repaired."MailingCountry"',
        ) }},
        {{ clean_text('repaired."LeadSource"') }} as lead_source,
        {{ to_utc_timestamp('repaired."CreatedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as created_at,
        {{ to_utc_timestamp('repaired."LastModifiedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as last_modified_at,
        timezone('UTC', repaired._loaded_at) as loaded_at,
        repaired.raw_row
    from repaired

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
