{#- The records Splink matches: the conformed records with suppressed (junk) emails and phones nulled. -#}
with

records as (

    select * from {{ ref('int_person_records_unioned') }}

),

suppressed as (

    select * from {{ ref('int_identity_values_suppressed') }}

),

prepared as (

    select
        records.record_key,
        records.source_system,
        records.source_table,
        records.source_record_id,
        records.first_name,
        records.last_name,
        records.birth_date,
        records.street_address,
        records.city,
        records.postal_code,
        records.state,
        records.country,
        records.updated_at,
        records.asserted_same_as_record_key,
        case when suppressed_emails.attribute_value is null then records.email end as email,
        case when suppressed_phones.attribute_value is null then records.phone end as phone,
        suppressed_emails.attribute_value is not null as has_suppressed_email,
        suppressed_phones.attribute_value is not null as has_suppressed_phone
    from records
    left join suppressed as suppressed_emails
        on suppressed_emails.attribute_name = 'email' and records.email = suppressed_emails.attribute_value
    left join suppressed as suppressed_phones
        on suppressed_phones.attribute_name = 'phone' and records.phone = suppressed_phones.attribute_value

)

select * from prepared
