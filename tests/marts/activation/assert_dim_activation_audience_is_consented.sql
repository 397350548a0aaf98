{#- The activation audience holds only customers who may be marketed to, checked against the records
    themselves, not the consent model's result: some record granted consent (a subscribed subscriber, a shop
    account that accepted marketing), none denied it (an unsubscribed, cleaned or transactional-only
    subscriber, an unsubscribe event after the latest opt-in, a shop account that declined, an opt-out on a
    quarantined row of the customer's email or subscriber), and no raw identifier leaks (every identifier is
    a 64-hex SHA-256). -#}
with

audience as (

    select * from {{ ref('dim_activation_audience') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

records as (

    select * from {{ ref('int_person_records_unioned') }}

),

subscribers as (

    select * from {{ ref('stg_marketing__subscribers') }}

),

email_events as (

    select * from {{ ref('stg_marketing__email_events') }}

),

shop_customers as (

    select * from {{ ref('stg_shop__customers') }}

),

quarantined_opt_outs as (

    select * from {{ ref('stg_quarantine__opt_outs') }}

),

subscriber_records as (

    select
        xref.customer_id,
        subscribers.subscriber_hash,
        subscribers.subscriber_status,
        subscribers.has_marketing_consent,
        coalesce(subscribers.confirmed_at, subscribers.opted_in_at) as opted_in_at
    from xref
    inner join subscribers on xref.record_key = 'marketing:subscribers:' || subscribers.subscriber_hash

),

shop_records as (

    select
        xref.customer_id,
        shop_customers.is_guest,
        shop_customers.has_marketing_consent
    from xref
    inner join shop_customers on xref.record_key = 'shop:customers:' || shop_customers.customer_id

),

granted as (

    select subscriber_records.customer_id
    from subscriber_records
    where subscriber_records.subscriber_status = 'subscribed' and subscriber_records.has_marketing_consent
    union all
    select shop_records.customer_id
    from shop_records
    where not shop_records.is_guest and shop_records.has_marketing_consent

),

denied as (

    select subscriber_records.customer_id
    from subscriber_records
    where subscriber_records.subscriber_status in ('unsubscribed', 'cleaned', 'transactional')
    union all
    select subscriber_records.customer_id
    from subscriber_records
    inner join email_events
        on
            subscriber_records.subscriber_hash = email_events.subscriber_hash
            and email_events.event_type = 'unsubscribe'
            and email_events.occurred_at >= coalesce(subscriber_records.opted_in_at, '-infinity'::timestamp)
    union all
    select shop_records.customer_id
    from shop_records
    where not shop_records.is_guest and not shop_records.has_marketing_consent
    union all
    select subscriber_records.customer_id
    from subscriber_records
    inner join quarantined_opt_outs on subscriber_records.subscriber_hash = quarantined_opt_outs.subscriber_hash
    union all
    select xref.customer_id
    from quarantined_opt_outs
    inner join records on quarantined_opt_outs.email = records.email
    inner join xref on records.record_key = xref.record_key

),

violations as (

    select
        audience.customer_id,
        'consent denied by a record' as violation
    from audience
    where audience.customer_id in (select denied.customer_id from denied)
    union all
    select
        audience.customer_id,
        'consent granted by no record' as violation
    from audience
    where audience.customer_id not in (select granted.customer_id from granted)
    union all
    select
        audience.customer_id,
        'identifier not hashed' as violation
    from audience
    where
        not coalesce(regexp_full_match(audience.email_sha256, '[0-9a-f]{64}'), true)
        or not coalesce(regexp_full_match(audience.phone_sha256, '[0-9a-f]{64}'), true)

)

select * from violations
