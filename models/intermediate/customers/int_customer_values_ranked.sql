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

typed as (

    select * from {{ ref('int_person_records_unioned') }}

),

rules as (

    select * from {{ ref('survivorship_rules') }}

),

customer_records as (

    {#- the typed names follow the keys where the data swapped first and last name back -#}
    select
        records.*,
        clustered.customer_id,
        typed.street_address_display as street_address_typed,
        typed.city_display as city_typed,
        case when records.has_swapped_names then typed.last_name_display else typed.first_name_display end
            as first_name_typed,
        case when records.has_swapped_names then typed.first_name_display else typed.last_name_display end
            as last_name_typed
    from records
    inner join clustered on records.record_key = clustered.record_key
    inner join typed on records.record_key = typed.record_key

),

typed_keys as (

    {#- the typed text put through its key's own normalization: where it equals the key, it may be shown -#}
    select
        *,
        {{ normalize_name('first_name_typed') }} as first_name_typed_key,
        {{ normalize_name('last_name_typed') }} as last_name_typed_key,
        {{ normalize_street('street_address_typed') }} as street_address_typed_key,
        {{ normalize_name('city_typed') }} as city_typed_key
    from customer_records

),

displayed as (

    select
        *,
        {{ display_form('first_name_typed', 'first_name', 'first_name_typed_key') }} as first_name_display,
        {{ display_form('last_name_typed', 'last_name', 'last_name_typed_key') }} as last_name_display,
        {{ display_form('street_address_typed', 'street_address', 'street_address_typed_key') }}
            as street_address_display,
        {{ display_form('city_typed', 'city', 'city_typed_key') }} as city_display
    from typed_keys

),

names as (

    select
        *,
        'name' as attribute_name,
        first_name is not null and last_name is not null as is_valid,
        first_name || ' ' || last_name as value_key
    from displayed

),

emails as (

    select
        *,
        'email' as attribute_name,
        email is not null as is_valid,
        email as value_key
    from displayed

),

phones as (

    select
        *,
        'phone' as attribute_name,
        phone is not null as is_valid,
        phone as value_key
    from displayed

),

birth_dates as (

    select
        *,
        'birth_date' as attribute_name,
        birth_date is not null as is_valid,
        cast(birth_date as varchar) as value_key
    from displayed

),

addresses as (

    select
        *,
        'address' as attribute_name,
        street_address is not null and (postal_code is not null or city is not null) as is_valid,
        concat_ws('|', street_address, postal_code, city, state, country) as value_key
    from displayed

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
        case when attribute_name = 'name' then first_name_display end as first_name_display,
        case when attribute_name = 'name' then last_name_display end as last_name_display,
        case when attribute_name = 'email' then email end as email,
        case when attribute_name = 'phone' then phone end as phone,
        case when attribute_name = 'birth_date' then birth_date end as birth_date,
        case when attribute_name = 'address' then street_address end as street_address,
        case when attribute_name = 'address' then city end as city,
        case when attribute_name = 'address' then street_address_display end as street_address_display,
        case when attribute_name = 'address' then city_display end as city_display,
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
