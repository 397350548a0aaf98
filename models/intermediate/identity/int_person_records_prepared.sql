{#- The records Splink matches: the conformed records with suppressed (junk) emails, phones and birth
    dates nulled, and first and last name put back in order where a record has them the wrong way round
    (its first name is what the data otherwise uses as a surname, and its last name a first name:
    "Clark Daniel"), so that twins whose records are both swapped ("Clark Daniel", "Clark Carolyn") do not
    look like two records of one "Clark". A first name that is an initial before a name the data uses as a
    first name is put after it too: South India writes the father's initial first ("S. Venkatesh", first
    name "s"), and brothers "S Anand" and "S Venkatesh" are not two records of one "s". A given name typed
    again as the surname ("anirban anirban", where a form requires a surname of someone who has none) is no
    surname. A birth date on a default day (1 January where a source knows only the year) keeps its year:
    a father born 1969 is not his son born 2000. -#}
with

records as (

    select * from {{ ref('int_person_records_unioned') }}

),

name_uses as (

    select
        first_name as person_name,
        'first' as name_role
    from records
    where first_name is not null
    union all
    select
        last_name as person_name,
        'last' as name_role
    from records
    where coalesce(last_name != first_name, last_name is not null)

),

name_roles as (

    select
        person_name,
        count(*) filter (where name_role = 'first') as first_name_count,
        count(*) filter (where name_role = 'last') as last_name_count
    from name_uses
    group by person_name

),

name_order as (

    select
        records.record_key,
        coalesce(
            (
                (
                    first_roles.last_name_count
                    >= {{ var('identity_name_swap_min_ratio') }} * first_roles.first_name_count
                    and first_roles.last_name_count >= {{ var('identity_name_swap_min_count') }}
                )
                or length(records.first_name) = 1
            )
            and last_roles.first_name_count >= {{ var('identity_name_swap_min_ratio') }} * last_roles.last_name_count
            and last_roles.first_name_count >= {{ var('identity_name_swap_min_count') }},
            false
        ) as has_swapped_names
    from records
    left join name_roles as first_roles on records.first_name = first_roles.person_name
    left join name_roles as last_roles on records.last_name = last_roles.person_name

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
        records.street_address,
        records.city,
        records.postal_code,
        records.state,
        records.country,
        records.updated_at,
        records.asserted_same_as_record_key,
        name_order.has_swapped_names,
        case when name_order.has_swapped_names then records.last_name else records.first_name end as first_name,
        case
            when name_order.has_swapped_names then records.first_name
            when coalesce(records.last_name != records.first_name, true) then records.last_name
        end as last_name,
        case when suppressed_emails.attribute_value is null then records.email end as email,
        case when suppressed_phones.attribute_value is null then records.phone end as phone,
        case when suppressed_birth_dates.attribute_value is null then records.birth_date end as birth_date,
        case when suppressed_birth_dates.is_year_known then year(records.birth_date) end as birth_year,
        suppressed_emails.attribute_value is not null as has_suppressed_email,
        suppressed_phones.attribute_value is not null as has_suppressed_phone,
        suppressed_birth_dates.attribute_value is not null as has_suppressed_birth_date
    from records
    inner join name_order on records.record_key = name_order.record_key
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
