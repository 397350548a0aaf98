{#- One row per customer: what every record of the customer says about marketing consent, and the result.
    The most restrictive statement wins: one opt-out anywhere (an unsubscribed or cleaned subscriber, an
    unsubscribe event after the latest opt-in, a shop account that declined marketing) blocks marketing,
    even when other records of the same person opted in. So does an opt-out on a quarantined row
    (stg_quarantine__opt_outs), for every customer known by its email or its subscriber. -#}
-- depends_on: {{ ref('gate_identity') }}
with

clustered as (

    select * from {{ ref('int_person_records_clustered') }}

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

records as (

    select * from {{ ref('int_person_records_prepared') }}

),

unsubscribe_events as (

    select
        subscriber_hash,
        max(occurred_at) as last_unsubscribed_at
    from email_events
    where event_type = 'unsubscribe'
    group by subscriber_hash

),

subscriber_statements as (

    select
        'marketing:subscribers:' || subscribers.subscriber_hash as record_key,
        case
            when subscribers.subscriber_status in ('unsubscribed', 'cleaned', 'transactional') then 'denied'
            when
                unsubscribe_events.last_unsubscribed_at
                >= coalesce(subscribers.confirmed_at, subscribers.opted_in_at, '-infinity'::timestamp)
                then 'denied'
            when subscribers.has_marketing_consent then 'granted'
            else 'unknown'
        end as consent_statement,
        unsubscribe_events.last_unsubscribed_at is not null
        or subscribers.subscriber_status = 'unsubscribed' as has_unsubscribed
    from subscribers
    left join unsubscribe_events on subscribers.subscriber_hash = unsubscribe_events.subscriber_hash

),

shop_statements as (

    select
        'shop:customers:' || customer_id as record_key,
        case
            when is_guest then 'unknown'
            when has_marketing_consent then 'granted'
            else 'denied'
        end as consent_statement,
        false as has_unsubscribed
    from shop_customers

),

statements as (

    select * from subscriber_statements
    union all
    select * from shop_statements

),

quarantined_record_statements as (

    select
        records.record_key,
        quarantined_opt_outs.quarantined_row_id,
        quarantined_opt_outs.has_unsubscribed
    from quarantined_opt_outs
    inner join records on quarantined_opt_outs.email = records.email
    union all
    select
        'marketing:subscribers:' || quarantined_opt_outs.subscriber_hash as record_key,
        quarantined_opt_outs.quarantined_row_id,
        quarantined_opt_outs.has_unsubscribed
    from quarantined_opt_outs
    where quarantined_opt_outs.subscriber_hash is not null

),

quarantined_statements as (

    select distinct
        clustered.customer_id,
        quarantined_record_statements.quarantined_row_id,
        quarantined_record_statements.has_unsubscribed
    from quarantined_record_statements
    inner join clustered on quarantined_record_statements.record_key = clustered.record_key

),

customer_statements as (

    select
        clustered.customer_id,
        statements.consent_statement,
        statements.has_unsubscribed
    from clustered
    inner join statements on clustered.record_key = statements.record_key
    union all
    select
        customer_id,
        'denied' as consent_statement,
        has_unsubscribed
    from quarantined_statements

),

resolved as (

    select
        customer_id,
        count(*) filter (where consent_statement = 'granted') as consent_granted_count,
        count(*) filter (where consent_statement = 'denied') as consent_denied_count,
        bool_or(has_unsubscribed) as has_unsubscribed,
        bool_or(consent_statement = 'granted')
        and not bool_or(consent_statement = 'denied') as has_marketing_consent
    from customer_statements
    group by customer_id

),

customers as (

    select distinct customer_id from clustered

),

all_customers as (

    select
        customers.customer_id,
        coalesce(resolved.consent_granted_count, 0) as consent_granted_count,
        coalesce(resolved.consent_denied_count, 0) as consent_denied_count,
        coalesce(resolved.has_unsubscribed, false) as has_unsubscribed,
        coalesce(resolved.has_marketing_consent, false) as has_marketing_consent
    from customers
    left join resolved on customers.customer_id = resolved.customer_id

)

select * from all_customers
