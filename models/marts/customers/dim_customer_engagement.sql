{#- One row per customer: orders, revenue and RFM scores, email engagement, support load, web sessions
    and days since the last thing the customer did, all as of the `as_of_date` var (end of that day, UTC),
    so a build on the same input always gives the same figures. -#}
{%- set as_of_at = "(cast('" ~ var('as_of_date') ~ "' as date) + interval 1 day)" -%}
with

customers as (

    select * from {{ ref('dim_customers') }}

),

orders as (

    select * from {{ ref('fct_orders') }}
    where ordered_at < {{ as_of_at }}

),

email_events as (

    select * from {{ ref('fct_email_events') }}
    where occurred_at < {{ as_of_at }}

),

tickets as (

    select * from {{ ref('fct_support_tickets') }}
    where created_at < {{ as_of_at }}

),

web_sessions as (

    select * from {{ ref('fct_web_sessions') }}
    where started_at < {{ as_of_at }}

),

touchpoints as (

    select * from {{ ref('fct_customer_touchpoints') }}
    where is_customer_initiated and touched_at < {{ as_of_at }}

),

order_totals as (

    select
        customer_id,
        count(*) as order_count,
        sum(total_price_usd) as revenue_usd,
        min(ordered_at) as first_ordered_at,
        max(ordered_at) as last_ordered_at
    from orders
    where
        customer_id is not null
        and (cancelled_at is null or cancelled_at >= {{ as_of_at }})
        and coalesce(financial_status, '') != 'refunded'
    group by customer_id

),

rfm as (

    select
        customer_id,
        cast(ceil(5 * cume_dist() over (order by last_ordered_at)) as integer) as recency_score,
        cast(ceil(5 * cume_dist() over (order by order_count)) as integer) as frequency_score,
        cast(ceil(5 * cume_dist() over (order by revenue_usd)) as integer) as monetary_score
    from order_totals

),

customer_campaigns as (

    select
        customer_id,
        campaign_id,
        bool_or(event_type = 'send') as was_sent,
        bool_or(event_type = 'open') as was_opened,
        bool_or(event_type = 'click') as was_clicked
    from email_events
    where customer_id is not null
    group by customer_id, campaign_id

),

email_totals as (

    {#- rates over the campaigns sent, so an open whose send was not recorded cannot push them above 1 -#}
    select
        customer_id,
        count(*) filter (where was_sent) as emails_sent_count,
        count(*) filter (where was_opened) as emails_opened_count,
        count(*) filter (where was_clicked) as emails_clicked_count,
        count(*) filter (where was_sent and was_opened) as sent_and_opened_count,
        count(*) filter (where was_sent and was_clicked) as sent_and_clicked_count
    from customer_campaigns
    group by customer_id

),

ticket_totals as (

    select
        customer_id,
        count(*) as tickets_opened_count,
        count(*) filter (where created_at >= {{ as_of_at }} - interval 90 day) as tickets_opened_90d_count,
        count(*) filter (where solved_at is null or solved_at >= {{ as_of_at }}) as tickets_open_count,
        count(*) filter (where satisfaction_rating = 'good') as tickets_rated_good_count,
        count(*) filter (where satisfaction_rating in ('good', 'bad')) as tickets_rated_count
    from tickets
    where customer_id is not null
    group by customer_id

),

web_totals as (

    select
        customer_id,
        count(*) filter (where started_at >= {{ as_of_at }} - interval 30 day) as web_sessions_30d_count,
        count(*) filter (where started_at >= {{ as_of_at }} - interval 90 day) as web_sessions_90d_count
    from web_sessions
    where customer_id is not null
    group by customer_id

),

last_activity as (

    select
        customer_id,
        max(touched_at) as last_active_at
    from touchpoints
    group by customer_id

),

engagement as (

    select
        customers.customer_id,
        cast('{{ var("as_of_date") }}' as date) as as_of_date,
        coalesce(order_totals.order_count, 0) as order_count,
        coalesce(order_totals.revenue_usd, 0) as revenue_usd,
        order_totals.first_ordered_at,
        order_totals.last_ordered_at,
        date_diff('day', order_totals.last_ordered_at, {{ as_of_at }}) as days_since_last_order,
        rfm.recency_score,
        rfm.frequency_score,
        rfm.monetary_score,
        coalesce(email_totals.emails_sent_count, 0) as emails_sent_count,
        coalesce(email_totals.emails_opened_count, 0) as emails_opened_count,
        coalesce(email_totals.emails_clicked_count, 0) as emails_clicked_count,
        email_totals.sent_and_opened_count / nullif(email_totals.emails_sent_count, 0) as email_open_rate,
        email_totals.sent_and_clicked_count / nullif(email_totals.emails_sent_count, 0) as email_click_rate,
        coalesce(ticket_totals.tickets_opened_count, 0) as tickets_opened_count,
        coalesce(ticket_totals.tickets_opened_90d_count, 0) as tickets_opened_90d_count,
        coalesce(ticket_totals.tickets_open_count, 0) as tickets_open_count,
        ticket_totals.tickets_rated_good_count / nullif(ticket_totals.tickets_rated_count, 0) as satisfaction_rate,
        coalesce(web_totals.web_sessions_30d_count, 0) as web_sessions_30d_count,
        coalesce(web_totals.web_sessions_90d_count, 0) as web_sessions_90d_count,
        last_activity.last_active_at,
        date_diff('day', last_activity.last_active_at, {{ as_of_at }}) as days_since_last_activity
    from customers
    left join order_totals on customers.customer_id = order_totals.customer_id
    left join rfm on customers.customer_id = rfm.customer_id
    left join email_totals on customers.customer_id = email_totals.customer_id
    left join ticket_totals on customers.customer_id = ticket_totals.customer_id
    left join web_totals on customers.customer_id = web_totals.customer_id
    left join last_activity on customers.customer_id = last_activity.customer_id

)

select * from engagement
