{#- The records Splink matches: the conformed records with suppressed (junk) emails, phones and birth
    dates nulled. -#}
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
        records.street_address,
        records.city,
        records.postal_code,
        records.state,
        records.country,
        records.updated_at,
        records.asserted_same_as_record_key,
        case when suppressed_emails.attribute_value is null then records.email end as email,
        case when suppressed_phones.attribute_value is null then records.phone end as phone,
        case when suppressed_birth_dates.attribute_value is null then records.birth_date end as birth_date,
        suppressed_emails.attribute_value is not null as has_suppressed_email,
        suppressed_phones.attribute_value is not null as has_suppressed_phone,
        suppressed_birth_dates.attribute_value is not null as has_suppressed_birth_date
    from records
    left join suppressed as suppressed_emails
        on suppressed_emails.attribute_name = 'email' and records.email = suppressed_emails.attribute_value
    left join suppressed as suppressed_phones
        on suppressed_phones.attribute_name = 'phone' and records.phone = suppressed_phones.attribute_value
    left join suppressed as suppressed_birth_dates
        on
            suppressed_birth_dates.attribute_name = 'birth_date'
            and strftime(records.birth_date, '%Y-%m-%d') = suppressed_birth_dates.attribute_value

)

select * from prepared
