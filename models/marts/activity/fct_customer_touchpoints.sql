{#- One timeline of every dated interaction of every customer: source records created and updated, orders,
    tickets, email events, web sessions. `is_customer_initiated` marks what the customer did (email sends and
    record changes are not). -#}
{%- set record_sources = [
    ('stg_crm__contacts', 'crm', 'contacts', 'contact_id', 'created_at'),
    ('stg_crm__leads', 'crm', 'leads', 'lead_id', 'created_at'),
    ('stg_shop__customers', 'shop', 'customers', 'customer_id', 'created_at'),
    ('stg_marketing__subscribers', 'marketing', 'subscribers', 'subscriber_hash', 'opted_in_at'),
] %}
with

orders as (

    select * from {{ ref('fct_orders') }}

),

tickets as (

    select * from {{ ref('fct_support_tickets') }}

),

email_events as (

    select * from {{ ref('fct_email_events') }}

),

web_sessions as (

    select * from {{ ref('fct_web_sessions') }}

),

records as (

    select * from {{ ref('int_person_records_prepared') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

{% for model, system, table, key, created in record_sources -%}
    {{ system }}_{{ table }} as (

        select * from {{ ref(model) }}

    ),

{% endfor -%}

record_creations as (

    {% for model, system, table, key, created in record_sources -%}
        select
            '{{ system }}:{{ table }}:' || {{ key }} as record_key,
            '{{ system }}' as source_system,
            {{ created }} as created_at
        from {{ system }}_{{ table }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

record_created_touchpoints as (

    select
        'record_created:' || record_creations.record_key as touchpoint_id,
        xref.customer_id,
        record_creations.source_system as channel,
        'record_created' as touchpoint_type,
        record_creations.created_at as touched_at,
        false as is_customer_initiated
    from record_creations
    inner join xref on record_creations.record_key = xref.record_key
    inner join records on record_creations.record_key = records.record_key
    where
        record_creations.created_at is not null
        and (records.updated_at is null or record_creations.created_at < records.updated_at)

),

record_touchpoints as (

    select
        'record:' || records.record_key as touchpoint_id,
        xref.customer_id,
        records.source_system as channel,
        'record_updated' as touchpoint_type,
        records.updated_at as touched_at,
        false as is_customer_initiated
    from records
    inner join xref on records.record_key = xref.record_key
    where records.updated_at is not null

),

order_touchpoints as (

    select
        'order:' || order_id as touchpoint_id,
        customer_id,
        'shop' as channel,
        'order' as touchpoint_type,
        ordered_at as touched_at,
        true as is_customer_initiated
    from orders
    where customer_id is not null

),

ticket_touchpoints as (

    select
        'ticket:' || ticket_id as touchpoint_id,
        customer_id,
        'support' as channel,
        'ticket' as touchpoint_type,
        created_at as touched_at,
        true as is_customer_initiated
    from tickets
    where customer_id is not null

),

email_touchpoints as (

    select
        'email_event:' || email_event_id as touchpoint_id,
        customer_id,
        'marketing' as channel,
        'email_' || event_type as touchpoint_type,
        occurred_at as touched_at,
        event_type in ('open', 'click', 'unsubscribe') as is_customer_initiated
    from email_events
    where customer_id is not null

),

web_touchpoints as (

    select
        'web_session:' || session_id as touchpoint_id,
        customer_id,
        'web' as channel,
        'web_session' as touchpoint_type,
        started_at as touched_at,
        true as is_customer_initiated
    from web_sessions
    where customer_id is not null

),

unioned as (

    select * from record_created_touchpoints
    union all
    select * from record_touchpoints
    union all
    select * from order_touchpoints
    union all
    select * from ticket_touchpoints
    union all
    select * from email_touchpoints
    union all
    select * from web_touchpoints

)

select * from unioned
