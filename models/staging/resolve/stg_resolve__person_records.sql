{#- The records of a `c360 resolve` input, standardized exactly like the warehouse's own sources. Any person
    file may be resolved (a parish register, a list of historical figures, an export with its own
    conventions), so birth dates before 1900 are kept (placeholder dates are nulled as everywhere), the
    common date layouts are read, and a whole name typed in first_name with no last_name is split like the
    help desk's one-field requester names. The keys are kept exactly as given (no trimming or case
    change), so the output joins back to the input. -#}
with

source as (

    select * from {{ source('resolve', 'person_records') }}

),

names as (

    select
        source.*,
        {{ clean_text('source.first_name') }} as first_name_cleaned,
        (
            {{ clean_text('source.last_name') }} is null
            and regexp_matches({{ clean_text('source.first_name') }}, '[ ,]')
        ) as has_whole_name_in_first_name
    from source

),

name_parts as (

    select
        names.*,
        case
            when names.has_whole_name_in_first_name
                then {{ full_name_part('names.first_name_cleaned', 'first') }}
            else names.first_name
        end as first_name_part,
        case
            when names.has_whole_name_in_first_name
                then {{ full_name_part('names.first_name_cleaned', 'last') }}
            else names.last_name
        end as last_name_part
    from names

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
            birth_date='name_parts.date_of_birth',
            birth_date_min_year=1000,
            birth_date_formats=[
                '%m/%d/%y', '%d/%m/%y', '%d.%m.%y',
                '%Y-%m-%d', '%m/%d/%Y', '%d/%m/%Y', '%d.%m.%Y', '%Y/%m/%d', '%Y.%m.%d', '%m-%d-%Y', '%d-%m-%Y',
                '%Y%m%d', '%d %b %Y', '%d-%b-%Y', '%d %B %Y', '%B %d, %Y', '%B %d %Y', '%b %d, %Y',
            ],
            street='name_parts.street_address',
            city='name_parts.city',
            state='name_parts.state',
            postal_code='name_parts.postal_code',
            country='name_parts.country',
        ) }},
        coalesce(
            timezone('UTC', try_cast(trim(name_parts.updated_at) as timestamptz)),
            try_cast(trim(name_parts.updated_at) as timestamp)
        ) as updated_at
    from name_parts

)

select * from standardized
