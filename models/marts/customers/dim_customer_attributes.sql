{#- The provenance of every golden value: one row per customer and attribute, with the value that
    survived, the record and system it came from, and how many candidates it beat. -#}
with

ranked as (

    select * from {{ ref('int_customer_values_ranked') }}

),

candidates as (

    select
        customer_id,
        attribute_name,
        count(*) filter (where is_valid) as valid_candidate_count,
        count(distinct concat_ws('|', first_name, last_name, email, phone, birth_date, street_address, postal_code))
        filter (where is_valid) as distinct_value_count
    from ranked
    group by customer_id, attribute_name

),

survivors as (

    select * from ranked
    where is_surviving

),

attributes as (

    select
        survivors.customer_id,
        survivors.attribute_name,
        survivors.record_key as source_record_key,
        survivors.source_system,
        survivors.source_table,
        survivors.source_record_id,
        survivors.source_priority,
        survivors.updated_at as source_updated_at,
        survivors.value_frequency,
        candidates.valid_candidate_count,
        candidates.distinct_value_count,
        case survivors.attribute_name
            when 'name' then survivors.first_name_display || ' ' || survivors.last_name_display
            when 'email' then survivors.email
            when 'phone' then survivors.phone
            when 'birth_date' then cast(survivors.birth_date as varchar)
            when 'address' then concat_ws(
                    ', ',
                    survivors.street_address_display,
                    survivors.city_display,
                    upper(survivors.state),
                    survivors.postal_code,
                    upper(survivors.country)
                )
        end as attribute_value
    from survivors
    inner join candidates
        on survivors.customer_id = candidates.customer_id and survivors.attribute_name = candidates.attribute_name

)

select * from attributes
