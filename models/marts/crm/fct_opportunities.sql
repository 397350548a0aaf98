{#- CRM opportunities, with the customer who is their primary contact. -#}
with

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

final as (

    select
        opportunities.opportunity_id,
        opportunities.account_id,
        opportunities.primary_contact_id,
        xref.customer_id,
        opportunities.opportunity_name,
        opportunities.stage_name,
        opportunities.amount_usd,
        opportunities.win_probability,
        opportunities.close_date,
        opportunities.is_closed,
        opportunities.is_won,
        opportunities.created_at,
        opportunities.amount_usd * opportunities.win_probability as expected_amount_usd
    from opportunities
    left join xref on xref.record_key = 'crm:contacts:' || opportunities.primary_contact_id

)

select * from final
