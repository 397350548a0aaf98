{#- Shop orders keyed by customer id: through the order's shop customer, or, for an order without one,
    through its email when exactly one customer carries that email. -#}
with

orders as (

    select * from {{ ref('stg_shop__orders') }}

),

order_lines as (

    select * from {{ ref('stg_shop__order_lines') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

records as (

    select * from {{ ref('int_person_records_prepared') }}

),

email_owners as (

    select
        records.email,
        min(xref.customer_id) as customer_id
    from records
    inner join xref on records.record_key = xref.record_key
    where records.email is not null
    group by records.email
    having count(distinct xref.customer_id) = 1

),

line_totals as (

    select
        order_id,
        cast(sum(quantity) as bigint) as item_quantity,
        count(*) as line_count
    from order_lines
    group by order_id

),

final as (

    select
        orders.order_id,
        orders.customer_id as shop_customer_id,
        orders.financial_status,
        orders.fulfillment_status,
        orders.currency_code,
        orders.subtotal_price_usd,
        orders.total_tax_usd,
        orders.total_price_usd,
        orders.created_at as ordered_at,
        orders.processed_at,
        orders.cancelled_at,
        coalesce(shop_accounts.customer_id, email_owners.customer_id) as customer_id,
        case
            when shop_accounts.customer_id is not null then 'shop_customer'
            when email_owners.customer_id is not null then 'email'
        end as customer_match_method,
        coalesce(line_totals.line_count, 0) as line_count,
        coalesce(line_totals.item_quantity, 0) as item_quantity,
        orders.cancelled_at is not null as is_cancelled
    from orders
    left join xref as shop_accounts on shop_accounts.record_key = 'shop:customers:' || orders.customer_id
    left join email_owners on {{ email_match_key('orders.email') }} = email_owners.email
    left join line_totals on orders.order_id = line_totals.order_id

)

select * from final
