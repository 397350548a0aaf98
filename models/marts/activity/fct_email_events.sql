{#- Marketing email events (send, open, click, bounce, unsubscribe) keyed by customer id. -#}
with

email_events as (

    select * from {{ ref('stg_marketing__email_events') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

final as (

    select
        email_events.email_event_id,
        xref.customer_id,
        email_events.subscriber_hash,
        email_events.campaign_id,
        email_events.event_type,
        email_events.clicked_url,
        email_events.bounce_type,
        email_events.occurred_at
    from email_events
    left join xref on xref.record_key = 'marketing:subscribers:' || email_events.subscriber_hash

)

select * from final
