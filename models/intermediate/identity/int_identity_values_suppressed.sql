{#- Values that are not evidence of identity: an email or phone carried by implausibly many distinct
    people (first names, or birth dates under more than one surname: one person whose birth date is
    garbled from record to record, or one family, is not junk, and the clustering guards handle a family),
    and a birth date carried by far more people than birth dates typically are in this data (a default or
    placeholder date no list knows). Known placeholders never get this far (staging nulls them); this
    catches what the data itself shows. -#}
with

records as (

    select * from {{ ref('int_person_records_unioned') }}

),

attribute_values as (

    select
        'email' as attribute_name,
        email as attribute_value,
        first_name,
        last_name,
        birth_date
    from records
    where email is not null
    union all
    select
        'phone' as attribute_name,
        phone as attribute_value,
        first_name,
        last_name,
        birth_date
    from records
    where phone is not null

),

value_spread as (

    select
        attribute_name,
        attribute_value,
        count(*) as record_count,
        count(distinct first_name) as distinct_first_names,
        count(distinct last_name) as distinct_last_names,
        count(distinct birth_date) as distinct_birth_dates
    from attribute_values
    group by attribute_name, attribute_value

),

suppressed_contacts as (

    select
        attribute_name,
        attribute_value,
        record_count,
        distinct_first_names,
        distinct_last_names,
        distinct_birth_dates,
        case
            when distinct_first_names >= {{ var('identity_junk_min_distinct_names') }}
                then 'shared by ' || distinct_first_names || ' distinct first names'
            else
                'shared by ' || distinct_birth_dates || ' distinct birth dates under '
                || distinct_last_names || ' surnames'
        end as suppression_reason
    from value_spread
    where
        distinct_first_names >= {{ var('identity_junk_min_distinct_names') }}
        or (
            distinct_birth_dates >= {{ var('identity_junk_min_distinct_birth_dates') }}
            and distinct_last_names >= 2
        )

),

birth_date_spread as (

    select
        birth_date,
        count(*) as record_count,
        count(distinct first_name) as distinct_first_names,
        count(distinct last_name) as distinct_last_names,
        count(distinct concat_ws(' ', first_name, last_name)) as distinct_names
    from records
    where birth_date is not null
    group by birth_date

),

typical_birth_date as (

    select coalesce(median(distinct_names), 0) as typical_distinct_names
    from birth_date_spread

),

suppressed_birth_dates as (

    select
        'birth_date' as attribute_name,
        strftime(birth_date_spread.birth_date, '%Y-%m-%d') as attribute_value,
        birth_date_spread.record_count,
        birth_date_spread.distinct_first_names,
        birth_date_spread.distinct_last_names,
        1 as distinct_birth_dates,
        'carried by ' || birth_date_spread.distinct_names || ' distinct names, '
        || round(birth_date_spread.distinct_names / greatest(typical_birth_date.typical_distinct_names, 1), 1)
        || ' times the typical birth date' as suppression_reason
    from birth_date_spread
    cross join typical_birth_date
    where
        birth_date_spread.distinct_names >= greatest(
            {{ var('identity_junk_min_birth_date_names') }},
            {{ var('identity_junk_birth_date_spread_factor') }} * typical_birth_date.typical_distinct_names
        )

),

suppressed as (

    select * from suppressed_contacts
    union all
    select * from suppressed_birth_dates

)

select * from suppressed
