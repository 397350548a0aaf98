-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('crm', 'leads') }}
    where {{ is_not_erased('crm', 'leads', '"Id"') }}

),

repaired as (

    {#- text that was UTF-8 read as Windows-1252 on its way here is read as typed; the raw row keeps what
        came -#}
    select
        {{ select_repaired('source', [
            '"FirstName"', '"LastName"', '"Street"', '"City"', '"State"', '"Country"',
        ]) }},
        to_json(source) as raw_row
    from source

),

standardized as (

    select
        {{ clean_text('repaired."Id"') }} as lead_id,
        {{ standardize_person(
            first_name='repaired."FirstName"',
            last_name='repaired."LastName"',
            email='repaired."Email"',
            phone='repaired."Phone"',
            street='repaired."Street"',
            city='repaired."City"',
            state='repaired."State"',
            postal_code='repaired."PostalCode"',
            country='repaired."Country"',
        ) }},
        {{ clean_text('repaired."Company"') }} as company_name,
        lower({{ clean_text('repaired."Status"') }}) as lead_status,
        {{ clean_text('repaired."LeadSource"') }} as lead_source,
        coalesce(repaired."IsConverted", false) as is_converted,
        {{ clean_text('repaired."ConvertedContactId"') }} as converted_contact_id,
        cast(try_strptime(trim(repaired."ConvertedDate"), '%Y-%m-%d') as date) as converted_on,
        {{ to_utc_timestamp('repaired."CreatedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as created_at,
        {{ to_utc_timestamp('repaired."LastModifiedDate"', ['%Y-%m-%dT%H:%M:%S.%g%z']) }} as last_modified_at,
        timezone('UTC', repaired._loaded_at) as loaded_at,
        repaired.raw_row
    from repaired

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
