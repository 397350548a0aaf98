{#- Help-desk tickets keyed by the customer who asked (null when the requester left no identity). -#}
with

tickets as (

    select * from {{ ref('stg_support__tickets') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

final as (

    select
        tickets.ticket_id,
        xref.customer_id,
        tickets.subject,
        tickets.channel,
        tickets.ticket_status,
        tickets.priority,
        tickets.satisfaction_rating,
        tickets.is_solved,
        tickets.created_at,
        tickets.solved_at,
        tickets.ticket_status in ('new', 'open', 'pending') as is_open,
        date_diff('minute', tickets.created_at, tickets.solved_at) / 60.0 as hours_to_solve
    from tickets
    left join xref on xref.record_key = 'support:tickets:' || tickets.ticket_id

)

select * from final
