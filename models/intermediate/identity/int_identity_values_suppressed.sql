{#- Values that are not evidence of identity: an email or phone carried by implausibly many distinct
    people (first names or birth dates). Placeholders from the known list never get this far (staging
    nulls them); this catches what the data itself shows. -#}
with

records as (

    select * from {{ ref('int_person_records_unioned') }}

),

attribute_values as (

    select
        'email' as attribute_name,
        email as attribute_value,
        first_name,
        birth_date
    from records
    where email is not null
    union all
    select
        'phone' as attribute_name,
        phone as attribute_value,
        first_name,
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
        count(distinct birth_date) as distinct_birth_dates
    from attribute_values
    group by attribute_name, attribute_value

),

suppressed as (

    select
        attribute_name,
        attribute_value,
        record_count,
        distinct_first_names,
        distinct_birth_dates,
        case
            when distinct_first_names >= {{ var('identity_junk_min_distinct_names') }}
                then 'shared by ' || distinct_first_names || ' distinct first names'
            else 'shared by ' || distinct_birth_dates || ' distinct birth dates'
        end as suppression_reason
    from value_spread
    where
        distinct_first_names >= {{ var('identity_junk_min_distinct_names') }}
        or distinct_birth_dates >= {{ var('identity_junk_min_distinct_birth_dates') }}

)

select * from suppressed
