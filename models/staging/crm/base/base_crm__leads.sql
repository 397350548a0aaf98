-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('crm', 'leads') }}
    where {{ is_not_erased('crm', 'leads', '"Id"') }}

),

standardized as (

    select
        {{ clean_text('source."Id"') }} as lead_id,
        {{ standardize_person(
            first_name='source."FirstName"',
            last_name='source."LastName"',
            email='source."Email"',
            phone='source."Phone"',
            street='source."Street"',
            city='source."City"',
            state='source."State"',
            postal_code='source."PostalCode"',
            country='source."Country"',
        ) }},
        {{ clean_text('source."Company"') }} as company_name,
        lower({{ clean_text('source."Status"') }}) as lead_status,
        {{ clean_text('source."LeadSource"') }} as lead_source,
        coalesce(source."IsConverted", false) as is_converted,
        {{ clean_text('source."ConvertedContactId"') }} as converted_contact_id,
        cast(try_strptime(trim(source."ConvertedDate"), '%Y-%m-%d') as date) as converted_on,
        {{ to_utc_timestamp('source."CreatedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as created_at,
        {{ to_utc_timestamp('source."LastModifiedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as last_modified_at,
        timezone('UTC', source._loaded_at) as loaded_at,
        to_json(source) as raw_row
    from source

),

checked as (

    select
        *,
        {{ person_quarantine_reason('lead_id', 'last_modified_at desc nulls last, raw_row') }} as quarantine_reason
    from standardized

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
