{#- Values that are not evidence of identity: an email or phone carried by implausibly many distinct
    people (first names, or birth dates under more than one surname and first names of more than one person:
    one person whose birth date and names are garbled from record to record, or one family, is not junk,
    and the clustering guards handle a family),
    and a birth date carried by far more people than birth dates typically are in this data (a default or
    placeholder date no list knows), or on a day of the year far more records are born on than on the
    typical day (a default day: the year known, the day not). Known placeholders never get this far (staging nulls them); this
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

candidate_names as (

    {#- The first names on values whose count of first names alone does not decide (fewer than make junk, with
        the birth dates that might): so a value of a thousand names is not compared a million times. -#}
    select distinct
        attribute_values.attribute_name,
        attribute_values.attribute_value,
        attribute_values.first_name
    from attribute_values
    inner join value_spread
        on
            attribute_values.attribute_name = value_spread.attribute_name
            and attribute_values.attribute_value = value_spread.attribute_value
    where
        attribute_values.first_name is not null
        and value_spread.distinct_first_names < {{ var('identity_junk_min_distinct_names') }}
        and value_spread.distinct_birth_dates >= {{ var('identity_junk_min_distinct_birth_dates') }}

),

values_of_several_people as (

    {#- Two of the first names are not one name mistyped ("george", "geeorge", "georee" are one). -#}
    select distinct
        one_name.attribute_name,
        one_name.attribute_value
    from candidate_names as one_name
    inner join candidate_names as other_name
        on
            one_name.attribute_name = other_name.attribute_name
            and one_name.attribute_value = other_name.attribute_value
            and one_name.first_name < other_name.first_name
    where
        jaro_winkler_similarity(one_name.first_name, other_name.first_name)
        < {{ var('identity_same_name_min_similarity') }}

),

value_people as (

    select
        value_spread.*,
        values_of_several_people.attribute_value is not null as has_names_of_several_people
    from value_spread
    left join values_of_several_people
        on
            value_spread.attribute_name = values_of_several_people.attribute_name
            and value_spread.attribute_value = values_of_several_people.attribute_value

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
                || distinct_last_names || ' surnames and ' || distinct_first_names || ' first names'
        end as suppression_reason,
        false as is_year_known
    from value_people
    where
        distinct_first_names >= {{ var('identity_junk_min_distinct_names') }}
        or (
            distinct_birth_dates >= {{ var('identity_junk_min_distinct_birth_dates') }}
            and distinct_last_names >= 2
            and has_names_of_several_people
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

birth_day_spread as (

    {#- how many records carry each day of the year (month and day), in any year -#}
    select
        strftime(birth_date, '%m-%d') as birth_day,
        count(*) as record_count
    from records
    where birth_date is not null
    group by birth_day

),

typical_birth_day as (

    select coalesce(median(record_count), 0) as typical_records
    from birth_day_spread

),

default_birth_days as (

    {#- A day of the year carried by several times as many records as the typical day is where a source puts
        a birth date it knows only the year of: 1 January in much of South Asia's and immigration records.
        Every date on it is only a year. -#}
    select
        birth_day_spread.birth_day,
        birth_day_spread.record_count,
        round(birth_day_spread.record_count / greatest(typical_birth_day.typical_records, 1), 1) as times_typical
    from birth_day_spread
    cross join typical_birth_day
    where
        birth_day_spread.record_count >= greatest(
            {{ var('identity_default_birth_day_min_records') }},
            {{ var('identity_default_birth_day_spread_factor') }} * typical_birth_day.typical_records
        )

),

birth_dates_judged as (

    {#- each birth date: a default by itself (far more names than the typical date), or on a default day -#}
    select
        birth_date_spread.*,
        round(
            birth_date_spread.distinct_names / greatest(typical_birth_date.typical_distinct_names, 1), 1
        ) as times_typical_names,
        birth_date_spread.distinct_names >= greatest(
            {{ var('identity_junk_min_birth_date_names') }},
            {{ var('identity_junk_birth_date_spread_factor') }} * typical_birth_date.typical_distinct_names
        ) as is_default_date,
        default_birth_days.birth_day as default_birth_day,
        default_birth_days.record_count as default_birth_day_records,
        default_birth_days.times_typical as default_birth_day_times_typical
    from birth_date_spread
    cross join typical_birth_date
    left join default_birth_days
        on strftime(birth_date_spread.birth_date, '%m-%d') = default_birth_days.birth_day

),

suppressed_birth_dates as (

    {#- a date that is a default by itself is listed with that reason, not its day's -#}
    select
        'birth_date' as attribute_name,
        strftime(birth_date, '%Y-%m-%d') as attribute_value,
        record_count,
        distinct_first_names,
        distinct_last_names,
        1 as distinct_birth_dates,
        case
            when is_default_date
                then
                    'carried by ' || distinct_names || ' distinct names, ' || times_typical_names
                    || ' times the typical birth date'
            else
                'on ' || default_birth_day || ', a default day: born on by ' || default_birth_day_records
                || ' records, ' || default_birth_day_times_typical || ' times the typical day'
        end as suppression_reason,
        not is_default_date as is_year_known
    from birth_dates_judged
    where is_default_date or default_birth_day is not null

),

suppressed as (

    select * from suppressed_contacts
    union all
    select * from suppressed_birth_dates

)

select * from suppressed
