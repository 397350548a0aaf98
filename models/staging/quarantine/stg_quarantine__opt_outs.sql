{#- The marketing opt-outs that quarantined rows state: a row unusable for identity still says not to market
    to its person. A shop account that declined marketing, a subscriber unsubscribed, cleaned or
    transactional only, an unsubscribe event of a known subscriber. Duplicate copies of a key are left out:
    the copy kept in staging states that key's current consent. -#}
with

shop_customers as (

    select * from {{ ref('base_shop__customers') }}

),

subscribers as (

    select * from {{ ref('base_marketing__subscribers') }}

),

email_events as (

    select * from {{ ref('base_marketing__email_events') }}

),

shop_opt_outs as (

    select
        'shop' as source_system,
        'customers' as source_table,
        raw_row_id,
        cast(customer_id as varchar) as source_record_id,
        email_normalized as email,
        cast(null as varchar) as subscriber_hash,
        false as has_unsubscribed,
        quarantine_reason
    from shop_customers
    where
        quarantine_reason is not null
        and quarantine_reason != 'duplicate_primary_key'
        and not is_guest
        and not has_marketing_consent

),

subscriber_opt_outs as (

    select
        'marketing' as source_system,
        'subscribers' as source_table,
        raw_row_id,
        subscriber_hash as source_record_id,
        email_normalized as email,
        cast(null as varchar) as subscriber_hash,
        subscriber_status = 'unsubscribed' as has_unsubscribed,
        quarantine_reason
    from subscribers
    where
        quarantine_reason is not null
        and quarantine_reason != 'duplicate_primary_key'
        and subscriber_status in ('unsubscribed', 'cleaned', 'transactional')

),

event_opt_outs as (

    select
        'marketing' as source_system,
        'email_events' as source_table,
        raw_row_id,
        cast(email_event_id as varchar) as source_record_id,
        cast(null as varchar) as email,
        subscriber_hash,
        true as has_unsubscribed,
        quarantine_reason
    from email_events
    where
        quarantine_reason is not null
        and quarantine_reason not in ('duplicate_primary_key', 'orphan_foreign_key')
        and event_type = 'unsubscribe'

),

opt_outs as (

    select * from shop_opt_outs
    union all
    select * from subscriber_opt_outs
    union all
    select * from event_opt_outs

),

keyed as (

    select
        * exclude (raw_row_id),
        md5(concat_ws('|', source_system, source_table, raw_row_id)) as quarantined_row_id
    from opt_outs
    where email is not null or subscriber_hash is not null

)

select * from keyed
