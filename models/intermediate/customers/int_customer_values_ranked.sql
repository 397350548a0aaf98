{#- Every candidate value of every golden-profile attribute of every customer, ranked by the survivorship
    rules (seeds/survivorship_rules.csv): valid first, then source priority, recency, frequency, record key. -#}
-- depends_on: {{ ref('gate_identity') }}
with

records as (

    select * from {{ ref('int_person_records_prepared') }}

),

clustered as (

    select * from {{ ref('int_person_records_clustered') }}

),

rules as (

    select * from {{ ref('survivorship_rules') }}

),

customer_records as (

    select
        records.*,
        clustered.customer_id
    from records
    inner join clustered on records.record_key = clustered.record_key

),

names as (

    select
        *,
        'name' as attribute_name,
        first_name is not null and last_name is not null as is_valid,
        first_name || ' ' || last_name as value_key
    from customer_records

),

emails as (

    select
        *,
        'email' as attribute_name,
        email is not null as is_valid,
        email as value_key
    from customer_records

),

phones as (

    select
        *,
        'phone' as attribute_name,
        phone is not null as is_valid,
        phone as value_key
    from customer_records

),

birth_dates as (

    select
        *,
        'birth_date' as attribute_name,
        birth_date is not null as is_valid,
        cast(birth_date as varchar) as value_key
    from customer_records

),

addresses as (

    select
        *,
        'address' as attribute_name,
        street_address is not null and (postal_code is not null or city is not null) as is_valid,
        concat_ws('|', street_address, postal_code, city, state, country) as value_key
    from customer_records

),

candidates as (

    select * from names
    union all
    select * from emails
    union all
    select * from phones
    union all
    select * from birth_dates
    union all
    select * from addresses

),

prioritized as (

    select
        candidates.*,
        coalesce(rules.source_priority, 99) as source_priority,
        count(*) over (
            partition by candidates.customer_id, candidates.attribute_name, candidates.value_key
        ) as value_frequency
    from candidates
    left join rules
        on
            candidates.attribute_name = rules.attribute_name
            and candidates.source_system = rules.source_system

),

ranked as (

    select
        customer_id,
        attribute_name,
        record_key,
        source_system,
        source_table,
        source_record_id,
        updated_at,
        is_valid,
        source_priority,
        value_frequency,
        row_number() over (
            partition by customer_id, attribute_name
            order by
                is_valid desc,
                source_priority asc,
                updated_at desc nulls last,
                value_frequency desc,
                record_key asc
        ) as value_rank,
        case when attribute_name = 'name' then first_name end as first_name,
        case when attribute_name = 'name' then last_name end as last_name,
        case when attribute_name = 'email' then email end as email,
        case when attribute_name = 'phone' then phone end as phone,
        case when attribute_name = 'birth_date' then birth_date end as birth_date,
        case when attribute_name = 'address' then street_address end as street_address,
        case when attribute_name = 'address' then city end as city,
        case when attribute_name = 'address' then postal_code end as postal_code,
        case when attribute_name = 'address' then state end as state,
        case when attribute_name = 'address' then country end as country
    from prioritized

),

marked as (

    select
        *,
        value_rank = 1 and is_valid as is_surviving
    from ranked

)

select * from marked
