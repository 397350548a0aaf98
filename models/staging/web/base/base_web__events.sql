-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('web', 'events') }}
    where {{ is_not_erased('web', 'events', 'message_id') }}

),

standardized as (

    select
        {{ clean_text('source.message_id') }} as web_event_id,
        {{ clean_text('source.anonymous_id') }} as anonymous_id,
        {{ clean_text('source.user_id') }} as user_id,
        {{ normalize_email('source.user_id') }} as user_email,
        case
            when not {{ is_placeholder('email', email_match_key(normalize_email('source.user_id'))) }}
                then {{ email_match_key(normalize_email('source.user_id')) }}
        end as user_email_normalized,
        {{ is_placeholder('email', email_match_key(normalize_email('source.user_id'))) }} as is_user_email_placeholder,
        case
            when regexp_full_match(trim(source.user_id), '[0-9]+') then try_cast(trim(source.user_id) as bigint)
        end as shop_customer_id,
        {{ clean_text('source.user_id') }} is not null as is_logged_in,
        lower({{ clean_text('source.type') }}) as event_type,
        {{ clean_text('source.event') }} as event_name,
        {{ clean_text('source.context_page_path') }} as page_path,
        {{ clean_text('source.context_page_url') }} as page_url,
        {{ clean_text('source.context_page_referrer') }} as referrer,
        {{ clean_text('source.context_campaign_source') }} as utm_source,
        {{ clean_text('source.context_campaign_medium') }} as utm_medium,
        {{ clean_text('source.context_campaign_name') }} as utm_campaign,
        {{ to_utc_timestamp('source."timestamp"', ['%Y-%m-%dT%H:%M:%S.%gZ', '%Y-%m-%dT%H:%M:%SZ']) }} as occurred_at,
        {{ to_utc_timestamp('source.received_at', ['%Y-%m-%dT%H:%M:%S.%gZ', '%Y-%m-%dT%H:%M:%SZ']) }} as received_at,
        timezone('UTC', source._loaded_at) as loaded_at,
        to_json(source) as raw_row
    from source

),

checked as (

    select
        *,
        case
            when web_event_id is null then 'missing_primary_key'
            when {{ has_lost_text('raw_row') }} then 'invalid_text_encoding'
            when {{ is_later_copy('web_event_id', 'received_at nulls last, raw_row') }} then 'duplicate_primary_key'
            when occurred_at is null then 'invalid_timestamp'
            when occurred_at > {{ future_cutoff('loaded_at') }} then 'future_timestamp'
        end as quarantine_reason
    from standardized

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
