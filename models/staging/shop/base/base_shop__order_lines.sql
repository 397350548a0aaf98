-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('shop', 'order_lines') }}
    where {{ is_not_erased('shop', 'order_lines', 'id') }}

),

valid_orders as (

    select order_id from {{ ref('base_shop__orders') }}
    where quarantine_reason is null

),

standardized as (

    select
        source.id as order_line_id,
        source.order_id,
        {{ clean_text('source.sku') }} as sku,
        {{ clean_text('source.title') }} as product_title,
        source.quantity,
        try_cast({{ clean_text('source.price') }} as decimal(18, 2)) as unit_price_usd,
        try_cast(
            try_cast({{ clean_text('source.price') }} as decimal(18, 2)) * source.quantity as decimal(18, 2)
        ) as line_amount_usd,
        timezone('UTC', source._loaded_at) as loaded_at,
        to_json(source) as raw_row
    from source

),

checked as (

    select
        standardized.*,
        case
            when standardized.order_line_id is null then 'missing_primary_key'
            when {{ has_lost_text('standardized.raw_row') }} then 'invalid_text_encoding'
            when {{ is_later_copy('standardized.order_line_id', 'standardized.raw_row', 'standardized.raw_row') }}
                then 'duplicate_primary_key'
            when valid_orders.order_id is null then 'orphan_foreign_key'
            when standardized.unit_price_usd < 0 then 'negative_amount'
            -- an unreadable price, or one whose line amount does not fit decimal(18, 2)
            when
                {{ is_unreadable('price', 'standardized.unit_price_usd', 'standardized.raw_row') }}
                or (
                    standardized.quantity is not null
                    and standardized.unit_price_usd is not null
                    and standardized.line_amount_usd is null
                )
                then 'invalid_amount'
        end as quarantine_reason
    from standardized
    left join valid_orders
        on standardized.order_id = valid_orders.order_id

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
