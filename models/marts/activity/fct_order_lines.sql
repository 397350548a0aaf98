{#- Shop order lines with the customer and time of their order. -#}
with

order_lines as (

    select * from {{ ref('stg_shop__order_lines') }}

),

orders as (

    select * from {{ ref('fct_orders') }}

),

final as (

    select
        order_lines.order_line_id,
        order_lines.order_id,
        orders.customer_id,
        order_lines.sku,
        order_lines.product_title,
        order_lines.quantity,
        order_lines.unit_price_usd,
        order_lines.line_amount_usd,
        orders.is_cancelled,
        orders.ordered_at
    from order_lines
    inner join orders on order_lines.order_id = orders.order_id

)

select * from final
