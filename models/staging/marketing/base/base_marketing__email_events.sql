-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('marketing', 'email_events') }}
    where {{ is_not_erased('marketing', 'email_events', 'id') }}

),

valid_subscribers as (

    select subscriber_hash from {{ ref('base_marketing__subscribers') }}
    where quarantine_reason is null

),

standardized as (

    select
        source.id as email_event_id,
        {{ clean_text('source.subscriber_hash') }} as subscriber_hash,
        {{ clean_text('source.campaign_id') }} as campaign_id,
        case
            when lower({{ clean_text('source.action') }}) = 'unsub' then 'unsubscribe'
            else lower({{ clean_text('source.action') }})
        end as event_type,
        case
            when source.timestamp between -62135596800000 and 253402300799999 then epoch_ms(source.timestamp)
        end as occurred_at,
        {{ clean_text('source.url') }} as clicked_url,
        lower({{ clean_text('source.bounce_type') }}) as bounce_type,
        timezone('UTC', source._loaded_at) as loaded_at,
        to_json(source) as raw_row
    from source

),

checked as (

    select
        standardized.*,
        case
            when standardized.email_event_id is null then 'missing_primary_key'
            when {{ has_lost_text('standardized.raw_row') }} then 'invalid_text_encoding'
            when {{ is_later_copy('standardized.email_event_id', 'standardized.raw_row', 'standardized.raw_row') }}
                then 'duplicate_primary_key'
            when valid_subscribers.subscriber_hash is null then 'orphan_foreign_key'
            when standardized.occurred_at is null then 'invalid_timestamp'
            when standardized.occurred_at > {{ future_cutoff('standardized.loaded_at') }} then 'future_timestamp'
        end as quarantine_reason
    from standardized
    left join valid_subscribers
        on standardized.subscriber_hash = valid_subscribers.subscriber_hash

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
