{#- The records of a `c360 resolve` input, standardized exactly like the warehouse's own sources. Any person
    file may be resolved (a parish register, a list of historical figures, an export with its own
    conventions), so birth dates before 1900 are kept (placeholder dates are nulled as everywhere), the
    common date layouts are read, and a whole name typed in first_name with no last_name is split like the
    help desk's one-field requester names. Whether 03/04/1985 is March or April is decided per source
    system: its day comes first where more of its numeric dates have a first field past 12 (25/12/1980)
    than a second one (12/25/1980), month first where fewer; where as many (a small source whose days are
    all 12 or less), its most common country decides: month first in the US, Canada and the Philippines
    (and where no record gives a country), day first elsewhere. A record without a country is read (phone,
    postal code) in its source's most common country, US where none of its records has one; a national
    number that is no number there but one of exactly one other country the source's records name is read
    in that one. The keys are
    kept exactly as given (no trimming or case change), so the output joins back to the input. -#}
with

source as (

    select * from {{ source('resolve', 'person_records') }}

),

repaired as (

    {#- text that was UTF-8 read as Windows-1252 on its way here is read as typed (repair_mojibake) -#}
    select
        {{ select_repaired('source', ['first_name', 'last_name', 'street_address', 'city', 'state', 'country']) }}
    from source

),

dates_delimited as (

    {#- eight digits that are no year, month and day (the fifth and sixth are no month: "18101953",
        "02071965", as a shop's till writes a date) are a day and month, or a month and day, then the
        year, run together: written with slashes, the source's convention (below) reads them -#}
    select
        * exclude (date_of_birth),
        case
            when regexp_matches(trim(date_of_birth), '^[0-9]{4}(1[3-9]|[2-9][0-9])[0-9]{2}$')
                then regexp_replace(trim(date_of_birth), '^([0-9]{2})([0-9]{2})([0-9]{4})$', '\1/\2/\3')
            else date_of_birth
        end as date_of_birth
    from repaired

),

numeric_dates as (

    {#- the two leading fields of a date written d/m/y or m/d/y, with slashes or dashes -#}
    select
        source_system,
        regexp_extract(
            trim(date_of_birth), '^([0-9]{1,2})[/-]([0-9]{1,2})[/-][0-9]{2}', ['first_field', 'second_field']
        ) as date_fields
    from dates_delimited

),

date_field_counts as (

    select
        numeric_dates.source_system,
        count(*) filter (where try_cast(numeric_dates.date_fields.first_field as integer) > 12) as day_first_dates,
        count(*) filter (
            where try_cast(numeric_dates.date_fields.second_field as integer) > 12
        ) as month_first_dates
    from numeric_dates
    group by numeric_dates.source_system

),

countries as (

    select
        source_system,
        {{ normalize_country('country') }} as country_code,
        count(*) as record_count
    from dates_delimited
    group by all

),

source_country_lists as (

    {#- the countries a source's records name, most named first: a national number on a record that names
        none is read in the first, or else in the one other whose numbering plan it fits -#}
    select
        source_system,
        list(country_code order by record_count desc, country_code asc) as source_country_codes
    from countries
    where country_code is not null
    group by source_system

),

source_conventions as (

    select
        date_field_counts.source_system,
        source_country_lists.source_country_codes,
        case
            when date_field_counts.day_first_dates <> date_field_counts.month_first_dates
                then date_field_counts.day_first_dates > date_field_counts.month_first_dates
            else coalesce(source_country_lists.source_country_codes[1], 'US') not in ('US', 'CA', 'PH')
        end as is_day_first,
        coalesce(source_country_lists.source_country_codes[1], 'US') as default_country_code
    from date_field_counts
    left join source_country_lists
        on date_field_counts.source_system is not distinct from source_country_lists.source_system

),

records_with_conventions as (

    select
        dates_delimited.*,
        source_conventions.default_country_code,
        source_conventions.source_country_codes,
        case
            when source_conventions.is_day_first
                then regexp_replace(
                        trim(dates_delimited.date_of_birth), '^([0-9]{1,2})([/-])([0-9]{1,2})([/-])', '\3\2\1\4'
                    )
            else dates_delimited.date_of_birth
        end as date_of_birth_month_first
    from dates_delimited
    left join source_conventions
        on dates_delimited.source_system is not distinct from source_conventions.source_system

),

names as (

    select
        records_with_conventions.*,
        {{ clean_text('records_with_conventions.first_name') }} as first_name_cleaned,
        {{ clean_text('records_with_conventions.last_name') }} as last_name_cleaned
    from records_with_conventions

),

name_shapes as (

    select
        names.*,
        {#- a couple's or a family's name typed in one field ("John & Mary Lee", "The Smith Family") names no
            one person: its last word is the surname -#}
        (
            names.last_name_cleaned is null
            and contains(names.first_name_cleaned, ' ')
            and {{ _is_household_name('names.first_name_cleaned', 'null') }}
        ) as has_household_name_in_first_name,
        {#- a tribute typed in one field stays whole: its words are the honoree's -#}
        (
            names.last_name_cleaned is null
            and regexp_matches(names.first_name_cleaned, '[ ,/]')
            and not {{ _is_household_name('names.first_name_cleaned', 'null') }}
            and not {{ _is_tribute('names.first_name_cleaned', 'null') }}
        ) as has_whole_name_in_first_name,
        {#- an old system's "LAST, FIRST M" or a reservation system's "LAST/FIRST MR" in the surname field;
            without them, words there are a surname ("garcia lopez", "van der berg") -#}
        (
            names.first_name_cleaned is null
            and (contains(names.last_name_cleaned, ',') or {{ _is_slash_name('names.last_name_cleaned') }})
        ) as has_whole_name_in_last_name
    from names

),

whole_names as (

    select
        name_shapes.*,
        case
            when name_shapes.has_whole_name_in_first_name then name_shapes.first_name_cleaned
            when name_shapes.has_whole_name_in_last_name then name_shapes.last_name_cleaned
        end as whole_name
    from name_shapes

),

name_parts as (

    select
        whole_names.*,
        {#- "Mrs Travis Thomas" (and "THOMAS/TRAVIS MRS") keeps its "Mrs": it may write a wife by her
            husband's name -#}
        case
            when regexp_matches(whole_names.whole_name, '^mrs\.?\s|/.*\smrs\.?\s*$', 'i')
                then 'Mrs ' || {{ full_name_part('whole_names.whole_name', 'first') }}
            when whole_names.whole_name is not null
                then {{ full_name_part('whole_names.whole_name', 'first') }}
            else whole_names.first_name
        end as first_name_part,
        case
            when whole_names.has_household_name_in_first_name
                then regexp_extract(
                        regexp_replace(whole_names.first_name_cleaned, '\s+famil(y|ie|le|ia)\s*$', '', 'i'),
                        '(\S+)\s*$',
                        1
                    )
            when whole_names.whole_name is not null
                then {{ full_name_part('whole_names.whole_name', 'last') }}
            else whole_names.last_name
        end as last_name_part
    from whole_names

),

standardized as (

    select
        name_parts.source_system,
        name_parts.source_record_id,
        {{ standardize_person(
            first_name='name_parts.first_name_part',
            last_name='name_parts.last_name_part',
            email='name_parts.email',
            phone='name_parts.phone',
            birth_date='name_parts.date_of_birth_month_first',
            birth_date_min_year=1000,
            birth_date_formats=[
                '%m/%d/%y', '%d/%m/%y', '%m-%d-%y', '%d-%m-%y', '%d.%m.%y', '%d-%b-%y', '%d %b %y',
                '%Y-%m-%d', '%m/%d/%Y', '%d/%m/%Y', '%d.%m.%Y', '%Y/%m/%d', '%Y.%m.%d', '%m-%d-%Y', '%d-%m-%Y',
                '%Y%m%d', '%d %b %Y', '%d-%b-%Y', '%d %B %Y', '%B %d, %Y', '%B %d %Y', '%b %d, %Y', '%b %d %Y',
                '%d %B, %Y', '%d%b%y', '%d%b%Y',
            ],
            street='name_parts.street_address',
            city='name_parts.city',
            state='name_parts.state',
            postal_code='name_parts.postal_code',
            country='name_parts.country',
            default_country='name_parts.default_country_code',
            other_countries='name_parts.source_country_codes',
        ) }},
        coalesce(
            timezone('UTC', try_cast(trim(name_parts.updated_at) as timestamptz)),
            try_cast(trim(name_parts.updated_at) as timestamp)
        ) as updated_at
    from name_parts

)

select * from standardized
