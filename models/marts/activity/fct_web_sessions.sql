{#- Web sessions (30 minutes of inactivity end one) keyed by customer id. A session belongs to the user
    who logged in during it; an anonymous session belongs to the user of the next session in the same
    browser that has a login (activity before a login is that person's). Sessions after a browser's last
    login, with none of their own, stay anonymous. -#}
with

events as (

    select * from {{ ref('int_web_events_sessionized') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

sessions as (

    select
        session_id,
        browser_id,
        session_number,
        any_value(anonymous_id) as anonymous_id,
        arg_min(user_id, occurred_at) filter (where user_id is not null) as logged_in_user_id,
        min(occurred_at) as started_at,
        max(occurred_at) as ended_at,
        count(*) as event_count,
        count(*) filter (where event_type = 'page') as page_view_count,
        arg_min(page_path, occurred_at) as landing_page_path,
        arg_min(referrer, occurred_at) as referrer,
        arg_min(utm_source, occurred_at) as utm_source,
        arg_min(utm_medium, occurred_at) as utm_medium,
        arg_min(utm_campaign, occurred_at) as utm_campaign
    from events
    group by session_id, browser_id, session_number

),

stitched as (

    select
        *,
        coalesce(
            logged_in_user_id,
            first_value(logged_in_user_id ignore nulls) over (
                partition by browser_id
                order by session_number
                rows between current row and unbounded following
            )
        ) as user_id
    from sessions

),

final as (

    select
        stitched.session_id,
        xref.customer_id,
        stitched.user_id,
        stitched.anonymous_id,
        stitched.event_count,
        stitched.page_view_count,
        stitched.landing_page_path,
        stitched.referrer,
        stitched.utm_source,
        stitched.utm_medium,
        stitched.utm_campaign,
        stitched.started_at,
        stitched.ended_at,
        stitched.logged_in_user_id is not null as has_login,
        stitched.logged_in_user_id is null and stitched.user_id is not null as is_attributed_before_login,
        date_diff('second', stitched.started_at, stitched.ended_at) as duration_seconds
    from stitched
    left join xref on xref.record_key = 'web:users:' || stitched.user_id

)

select * from final
