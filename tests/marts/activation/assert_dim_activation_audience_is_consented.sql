{#- The activation audience holds only customers who may be marketed to: consent granted by some record,
    denied by none (checked against the records themselves, not the consent model's result), and no raw
    identifier leaks (every identifier is a 64-hex SHA-256). -#}
with

audience as (

    select * from {{ ref('dim_activation_audience') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

subscribers as (

    select * from {{ ref('stg_marketing__subscribers') }}

),

shop_customers as (

    select * from {{ ref('stg_shop__customers') }}

),

denied as (

    select xref.customer_id
    from xref
    inner join subscribers on xref.record_key = 'marketing:subscribers:' || subscribers.subscriber_hash
    where subscribers.subscriber_status in ('unsubscribed', 'cleaned', 'transactional')
    union all
    select xref.customer_id
    from xref
    inner join shop_customers on xref.record_key = 'shop:customers:' || shop_customers.customer_id
    where not shop_customers.is_guest and not shop_customers.has_marketing_consent

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
        'identifier not hashed' as violation
    from audience
    where
        not coalesce(regexp_full_match(audience.email_sha256, '[0-9a-f]{64}'), true)
        or not coalesce(regexp_full_match(audience.phone_sha256, '[0-9a-f]{64}'), true)

)

select * from violations
