{#- Web events cut into sessions per browser (anonymous id): a new session starts after
    `web_session_timeout_minutes` (30) of inactivity. -#}
-- depends_on: {{ ref('gate_identity') }}
with

events as (

    select * from {{ ref('stg_web__events') }}

),

browsers as (

    select
        *,
        coalesce(anonymous_id, 'user:' || user_id) as browser_id
    from events

),

gaps as (

    select
        *,
        lag(occurred_at) over (partition by browser_id order by occurred_at, web_event_id) as previous_occurred_at
    from browsers

),

session_starts as (

    select
        *,
        previous_occurred_at is null
        or occurred_at - previous_occurred_at
        > to_minutes({{ var('web_session_timeout_minutes') }}) as is_session_start
    from gaps

),

numbered as (

    select
        *,
        cast(
            sum(cast(is_session_start as integer)) over (
                partition by browser_id order by occurred_at, web_event_id rows unbounded preceding
            ) as bigint
        ) as session_number
    from session_starts

),

sessionized as (

    select
        web_event_id,
        browser_id,
        session_number,
        anonymous_id,
        user_id,
        is_logged_in,
        event_type,
        event_name,
        page_path,
        referrer,
        utm_source,
        utm_medium,
        utm_campaign,
        occurred_at,
        browser_id || '#' || session_number as session_id
    from numbered

)

select * from sessionized
