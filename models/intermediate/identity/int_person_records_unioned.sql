{#- The contract between staging and identity: every person-bearing record of every system in one
    schema, with its standardized matching attributes (and, for display only, the names and address as
    typed). With the `identity_input` var set to `resolve`,
    the records of a `c360 resolve` input file instead (standardized by the same macros). -#}
{%- if var('identity_input') != 'resolve' %}
-- depends_on: {{ ref('gate_staging') }}
{%- endif %}
{%- if var('identity_input') == 'resolve' -%}
    {%- set person_sources = [
        ('resolve', 'records', 'stg_resolve__person_records', 'source_record_id', 'updated_at', 'null'),
    ] -%}
{%- else -%}
{%- set person_sources = [
    ('crm', 'contacts', 'stg_crm__contacts', 'contact_id', 'coalesce(last_modified_at, created_at)', 'null'),
    ('crm', 'leads', 'stg_crm__leads', 'lead_id', 'coalesce(last_modified_at, created_at)',
        "case when is_converted then 'crm:contacts:' || converted_contact_id end"),
    ('shop', 'customers', 'stg_shop__customers', 'customer_id', 'coalesce(last_modified_at, created_at)', 'null'),
    ('support', 'tickets', 'stg_support__tickets', 'ticket_id', 'coalesce(last_modified_at, created_at)', 'null'),
    ('marketing', 'subscribers', 'stg_marketing__subscribers', 'subscriber_hash',
        'coalesce(status_changed_at, opted_in_at)', 'null'),
] -%}
{%- endif %}

with

{% for system, table, model, key, updated, asserted in person_sources -%}
    {{ model }} as (

        select * from {{ ref(model) }}

    ),

{% endfor -%}

{% if var('identity_input') != 'resolve' -%}
    stg_web__events as (

        select * from {{ ref('stg_web__events') }}

    ),

{% endif -%}

{% for system, table, model, key, updated, asserted in person_sources -%}
    {{ system }}_{{ table }} as (

        select
            {{ "source_system" if system == "resolve" else "'" ~ system ~ "'" }} as source_system,
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
            {{ updated }} as updated_at,
            cast({{ asserted }} as varchar) as asserted_same_as_record_key,
            first_name as first_name_display,
            last_name as last_name_display,
            street_address as street_address_display,
            city as city_display
        from {{ model }}

    ),

{% endfor -%}

{% if var('identity_input') != 'resolve' -%}
    web_users as (

        select
            'web' as source_system,
            'users' as source_table,
            web_events.user_id as source_record_id,
            cast(null as varchar) as first_name,
            cast(null as varchar) as last_name,
            max(web_events.user_email_normalized) as email,
            cast(null as varchar) as phone,
            cast(null as date) as birth_date,
            cast(null as varchar) as street_address,
            cast(null as varchar) as city,
            cast(null as varchar) as postal_code,
            cast(null as varchar) as state,
            cast(null as varchar) as country,
            max(web_events.occurred_at) as updated_at,
            'shop:customers:' || max(shop_accounts.customer_id) as asserted_same_as_record_key,
            cast(null as varchar) as first_name_display,
            cast(null as varchar) as last_name_display,
            cast(null as varchar) as street_address_display,
            cast(null as varchar) as city_display
        from stg_web__events as web_events
        -- a login by shop id names a person only where that account is staged (not quarantined)
        left join stg_shop__customers as shop_accounts
            on web_events.shop_customer_id = shop_accounts.customer_id
        where
            web_events.is_logged_in
            and (web_events.user_email_normalized is not null or shop_accounts.customer_id is not null)
        group by web_events.user_id

    ),

{% endif -%}

unioned as (

    {% for system, table, model, key, updated, asserted in person_sources -%}
        select * from {{ system }}_{{ table }}
        {% if not loop.last %}union all{% endif %}
    {% endfor -%}
    {% if var('identity_input') != 'resolve' -%}
        union all
        select * from web_users
    {%- endif %}

),

keyed as (

    select
        *,
        source_system || ':' || source_table || ':' || source_record_id as record_key
    from unioned

)

select * from keyed
