-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('shop', 'orders') }}
    where {{ is_not_erased('shop', 'orders', 'id') }}

),

valid_customers as (

    select customer_id from {{ ref('base_shop__customers') }}
    where quarantine_reason is null

),

standardized as (

    select
        source.id as order_id,
        source.customer_id as source_customer_id,
        {{ normalize_email('source.email') }} as email,
        lower({{ clean_text('source.financial_status') }}) as financial_status,
        lower({{ clean_text('source.fulfillment_status') }}) as fulfillment_status,
        upper({{ clean_text('source.currency') }}) as currency_code,
        try_cast({{ clean_text('source.subtotal_price') }} as decimal(18, 2)) as subtotal_price_usd,
        try_cast({{ clean_text('source.total_tax') }} as decimal(18, 2)) as total_tax_usd,
        try_cast({{ clean_text('source.total_price') }} as decimal(18, 2)) as total_price_usd,
        {{ to_utc_timestamp('source.created_at', ['%Y-%m-%dT%H:%M:%S%z']) }} as created_at,
        {{ to_utc_timestamp('source.processed_at', ['%Y-%m-%dT%H:%M:%S%z']) }} as processed_at,
        {{ to_utc_timestamp('source.cancelled_at', ['%Y-%m-%dT%H:%M:%S%z']) }} as cancelled_at,
        timezone('UTC', source._loaded_at) as loaded_at,
        to_json(source) as raw_row
    from source

),

linked as (

    select
        standardized.*,
        valid_customers.customer_id,
        (
            standardized.source_customer_id is not null and valid_customers.customer_id is null
        ) as has_unknown_customer
    from standardized
    left join valid_customers
        on standardized.source_customer_id = valid_customers.customer_id

),

checked as (

    select
        *,
        case
            when order_id is null then 'missing_primary_key'
            when {{ has_lost_text('raw_row') }} then 'invalid_text_encoding'
            when {{ is_later_copy('order_id', 'raw_row') }} then 'duplicate_primary_key'
            when
                subtotal_price_usd < 0 or total_tax_usd < 0 or total_price_usd < 0
                then 'negative_amount'
            when
                {{ is_unreadable('subtotal_price', 'subtotal_price_usd') }}
                or {{ is_unreadable('total_tax', 'total_tax_usd') }}
                or {{ is_unreadable('total_price', 'total_price_usd') }}
                then 'invalid_amount'
            when created_at is null then 'invalid_timestamp'
            -- an unreadable processing or cancellation time must not read as "not processed" or "not cancelled"
            when
                {{ is_unreadable('processed_at', 'processed_at') }}
                or {{ is_unreadable('cancelled_at', 'cancelled_at') }}
                then 'invalid_timestamp'
            when created_at > {{ future_cutoff('loaded_at') }} then 'future_timestamp'
        end as quarantine_reason
    from linked

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
