{#- The contract between staging and identity: every person-bearing record of every system in one
    schema, with only standardized matching attributes. -#}
{%- set person_sources = [
    ('crm', 'contacts', 'stg_crm__contacts', 'contact_id', 'coalesce(last_modified_at, created_at)'),
    ('crm', 'leads', 'stg_crm__leads', 'lead_id', 'coalesce(last_modified_at, created_at)'),
    ('shop', 'customers', 'stg_shop__customers', 'customer_id', 'coalesce(last_modified_at, created_at)'),
    ('support', 'tickets', 'stg_support__tickets', 'ticket_id', 'coalesce(last_modified_at, created_at)'),
    ('marketing', 'subscribers', 'stg_marketing__subscribers', 'subscriber_hash', 'coalesce(status_changed_at, opted_in_at)'),
] -%}

with

{% for system, table, model, key, updated in person_sources -%}
{{ system }}_{{ table }} as (

    select
        '{{ system }}' as source_system,
        '{{ table }}' as source_table,
        cast({{ key }} as varchar) as source_record_id,
        first_name_normalized as first_name,
        last_name_normalized as last_name,
        email_normalized as email,
        phone_e164 as phone,
        birth_date,
        street_address_normalized as street_address,
        city_normalized as city,
        postal_code,
        state_code as state,
        country_code as country,
        {{ updated }} as updated_at
    from {{ ref(model) }}

),

{% endfor -%}

web_users as (

    select
        'web' as source_system,
        'users' as source_table,
        user_id as source_record_id,
        cast(null as varchar) as first_name,
        cast(null as varchar) as last_name,
        max(user_email_normalized) as email,
        cast(null as varchar) as phone,
        cast(null as date) as birth_date,
        cast(null as varchar) as street_address,
        cast(null as varchar) as city,
        cast(null as varchar) as postal_code,
        cast(null as varchar) as state,
        cast(null as varchar) as country,
        max(occurred_at) as updated_at
    from {{ ref('stg_web__events') }}
    where is_logged_in and (user_email_normalized is not null or shop_customer_id is not null)
    group by user_id

),

unioned as (

    {% for system, table, model, key, updated in person_sources -%}
        select * from {{ system }}_{{ table }}
        union all
    {% endfor -%}
    select * from web_users

),

keyed as (

    select
        source_system || ':' || source_table || ':' || source_record_id as record_key,
        *
    from unioned

)

select * from keyed
