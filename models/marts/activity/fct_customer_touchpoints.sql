{#- One timeline of every dated interaction of every customer: source records updated, orders, tickets,
    email events, web sessions. `is_customer_initiated` marks what the customer did (email sends and record
    updates are not). -#}
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
