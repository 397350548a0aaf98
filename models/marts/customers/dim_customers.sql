{#- The golden profile: one row per customer id. Each attribute is the survivor of the rules in
    seeds/survivorship_rules.csv (provenance per attribute in dim_customer_attributes), with the system
    it came from, when the customer was first and last seen, and how many records each system holds. -#}
with

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

ranked as (

    select * from {{ ref('int_customer_values_ranked') }}

),

consents as (

    select * from {{ ref('int_customer_consents_resolved') }}

),

touchpoints as (

    select * from {{ ref('fct_customer_touchpoints') }}

),

survivors as (

    select * from ranked
    where is_surviving

),

golden as (

    select
        customer_id,
        max(first_name_display) filter (where attribute_name = 'name') as first_name,
        max(last_name_display) filter (where attribute_name = 'name') as last_name,
        max(email) filter (where attribute_name = 'email') as email,
        max(phone) filter (where attribute_name = 'phone') as phone,
        max(birth_date) filter (where attribute_name = 'birth_date') as birth_date,
        max(street_address_display) filter (where attribute_name = 'address') as street_address,
        max(city_display) filter (where attribute_name = 'address') as city,
        max(postal_code) filter (where attribute_name = 'address') as postal_code,
        upper(max(state) filter (where attribute_name = 'address')) as state_code,
        upper(max(country) filter (where attribute_name = 'address')) as country_code,
        max(source_system) filter (where attribute_name = 'name') as name_source_system,
        max(source_system) filter (where attribute_name = 'email') as email_source_system,
        max(source_system) filter (where attribute_name = 'phone') as phone_source_system,
        max(source_system) filter (where attribute_name = 'birth_date') as birth_date_source_system,
        max(source_system) filter (where attribute_name = 'address') as address_source_system
    from survivors
    group by customer_id

),

record_counts as (

    select
        customer_id,
        count(*) as source_record_count,
        count(*) filter (where source_system = 'crm') as crm_record_count,
        count(*) filter (where source_system = 'shop') as shop_record_count,
        count(*) filter (where source_system = 'support') as support_record_count,
        count(*) filter (where source_system = 'marketing') as marketing_record_count,
        count(*) filter (where source_system = 'web') as web_record_count
    from xref
    group by customer_id

),

seen as (

    {#- first seen: when any system first holds something of the customer; last seen: the latest thing the
        customer did (an email we sent or a record a colleague updated is not the customer showing up) -#}
    select
        customer_id,
        min(touched_at) as first_seen_at,
        max(touched_at) filter (where is_customer_initiated) as last_seen_at
    from touchpoints
    group by customer_id

),

customers as (

    select
        record_counts.customer_id,
        golden.first_name,
        golden.last_name,
        golden.email,
        golden.phone,
        golden.birth_date,
        golden.street_address,
        golden.city,
        golden.postal_code,
        golden.state_code,
        golden.country_code,
        golden.name_source_system,
        golden.email_source_system,
        golden.phone_source_system,
        golden.birth_date_source_system,
        golden.address_source_system,
        consents.has_marketing_consent,
        consents.has_unsubscribed,
        seen.first_seen_at,
        seen.last_seen_at,
        record_counts.source_record_count,
        record_counts.crm_record_count,
        record_counts.shop_record_count,
        record_counts.support_record_count,
        record_counts.marketing_record_count,
        record_counts.web_record_count,
        {#- the contract (yml) orders the table's columns: full_name comes after last_name -#}
        nullif(concat_ws(' ', golden.first_name, golden.last_name), '') as full_name
    from record_counts
    left join golden on record_counts.customer_id = golden.customer_id
    left join consents on record_counts.customer_id = consents.customer_id
    left join seen on record_counts.customer_id = seen.customer_id

)

select * from customers
