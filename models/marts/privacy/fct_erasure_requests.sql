{#- One row per erasure request and build: received, done (rows removed at ingest), verified (the identifier is
    left on no identity record, however common it is, no order, no golden profile and no cross-reference). A request that names no one (its rejection_reason) is
    never verified, so the build fails on it. No personal data: ids, counts and times only. -#}
with

requests as (

    select * from {{ ref('stg_privacy__erasure_requests') }}

),

erased as (

    select * from {{ ref('stg_privacy__erased_records') }}

),

records as (

    {#- before junk values are suppressed: a common email is still the requester's -#}
    select * from {{ ref('int_person_records_unioned') }}

),

orders as (

    select * from {{ ref('stg_shop__orders') }}

),

customers as (

    select * from {{ ref('dim_customers') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

erased_counts as (

    select
        request_id,
        count(*) as erased_row_count,
        count(*) filter (
            where source_table in ('contacts', 'leads', 'customers', 'tickets', 'subscribers')
        ) as erased_person_record_count
    from erased
    group by request_id

),

remaining_records as (

    {#- what still carries the identifier after this build: must be nothing -#}
    select
        requests.request_id,
        count(records.record_key) as row_count
    from requests
    inner join records
        on
            (requests.identifier_type = 'email' and requests.identifier = records.email)
            or (requests.identifier_type = 'phone' and requests.identifier = records.phone)
            or (requests.identifier_type = 'record_key' and requests.identifier = records.record_key)
    group by requests.request_id

),

remaining_orders as (

    select
        requests.request_id,
        count(orders.order_id) as row_count
    from requests
    inner join orders
        on requests.identifier_type = 'email' and requests.identifier = {{ email_match_key('orders.email') }}
    group by requests.request_id

),

remaining_customers as (

    select
        requests.request_id,
        count(customers.customer_id) as row_count
    from requests
    inner join customers
        on
            (requests.identifier_type = 'email' and requests.identifier = customers.email)
            or (requests.identifier_type = 'phone' and requests.identifier = customers.phone)
    group by requests.request_id

),

remaining_xref as (

    select
        requests.request_id,
        count(xref.record_key) as row_count
    from requests
    inner join xref on requests.identifier_type = 'record_key' and requests.identifier = xref.record_key
    group by requests.request_id

),

remaining as (

    select
        requests.request_id,
        coalesce(remaining_records.row_count, 0)
        + coalesce(remaining_orders.row_count, 0)
        + coalesce(remaining_customers.row_count, 0)
        + coalesce(remaining_xref.row_count, 0) as remaining_row_count
    from requests
    left join remaining_records on requests.request_id = remaining_records.request_id
    left join remaining_orders on requests.request_id = remaining_orders.request_id
    left join remaining_customers on requests.request_id = remaining_customers.request_id
    left join remaining_xref on requests.request_id = remaining_xref.request_id

),

audit as (

    select
        requests.request_id,
        requests.identifier_type,
        requests.rejection_reason,
        requests.requested_at as received_at,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as processed_at,
        remaining.remaining_row_count,
        coalesce(erased_counts.erased_row_count, 0) as erased_row_count,
        coalesce(erased_counts.erased_person_record_count, 0) as erased_person_record_count,
        requests.rejection_reason is null and remaining.remaining_row_count = 0 as is_verified
    from requests
    left join erased_counts on requests.request_id = erased_counts.request_id
    left join remaining on requests.request_id = remaining.request_id

)

select * from audit
