{#- CRM accounts (companies) with their contacts' customers and their pipeline. -#}
with

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

account_contacts as (

    select * from {{ ref('dim_account_contacts') }}

),

opportunities as (

    select * from {{ ref('fct_opportunities') }}

),

contact_counts as (

    select
        account_id,
        count(*) as contact_count,
        count(distinct customer_id) as customer_count
    from account_contacts
    group by account_id

),

pipeline as (

    select
        account_id,
        count(*) as opportunity_count,
        count(*) filter (where not is_closed) as open_opportunity_count,
        coalesce(sum(amount_usd) filter (where not is_closed), 0) as open_pipeline_usd,
        coalesce(sum(amount_usd) filter (where is_won), 0) as won_amount_usd
    from opportunities
    group by account_id

),

final as (

    select
        accounts.account_id,
        accounts.account_name,
        accounts.account_type,
        accounts.industry,
        accounts.billing_city,
        accounts.billing_state_code,
        accounts.billing_postal_code,
        accounts.billing_country_code,
        accounts.is_deleted,
        accounts.created_at,
        accounts.last_modified_at,
        coalesce(contact_counts.contact_count, 0) as contact_count,
        coalesce(contact_counts.customer_count, 0) as customer_count,
        coalesce(pipeline.opportunity_count, 0) as opportunity_count,
        coalesce(pipeline.open_opportunity_count, 0) as open_opportunity_count,
        coalesce(pipeline.open_pipeline_usd, 0) as open_pipeline_usd,
        coalesce(pipeline.won_amount_usd, 0) as won_amount_usd
    from accounts
    left join contact_counts on accounts.account_id = contact_counts.account_id
    left join pipeline on accounts.account_id = pipeline.account_id

)

select * from final
