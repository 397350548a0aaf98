{#- The records of a `c360 resolve` input, standardized exactly like the warehouse's own sources. Any person
    file may be resolved (a parish register, a list of historical figures), so birth dates before 1900 are
    kept; placeholder dates are nulled as everywhere. -#}
with

source as (

    select * from {{ source('resolve', 'person_records') }}

),

standardized as (

    select
        {{ clean_text('source.source_system') }} as source_system,
        {{ clean_text('source.source_record_id') }} as source_record_id,
        {{ standardize_person(
            first_name='source.first_name',
            last_name='source.last_name',
            email='source.email',
            phone='source.phone',
            birth_date='source.date_of_birth',
            birth_date_min_year=1000,
            birth_date_formats=['%Y-%m-%d', '%m/%d/%Y', '%d/%m/%Y', '%d.%m.%Y', '%Y/%m/%d', '%Y%m%d', '%d %b %Y', '%B %d, %Y'],
            street='source.street_address',
            city='source.city',
            state='source.state',
            postal_code='source.postal_code',
            country='source.country',
        ) }},
        coalesce(
            timezone('UTC', try_cast(trim(source.updated_at) as timestamptz)),
            try_cast(trim(source.updated_at) as timestamp)
        ) as updated_at
    from source

)

select * from standardized
