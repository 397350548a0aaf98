{#- CRM leads, with their customer and, where the CRM shows a conversion, the contact and customer they
    became. -#}
with

leads as (

    select * from {{ ref('stg_crm__leads') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

final as (

    select
        leads.lead_id,
        lead_xref.customer_id,
        leads.company_name,
        leads.lead_status,
        leads.lead_source,
        leads.is_converted,
        leads.converted_contact_id,
        contact_xref.customer_id as converted_customer_id,
        leads.converted_on,
        leads.created_at,
        date_diff('day', cast(leads.created_at as date), leads.converted_on) as days_to_convert
    from leads
    left join xref as lead_xref on lead_xref.record_key = 'crm:leads:' || leads.lead_id
    left join xref as contact_xref on contact_xref.record_key = 'crm:contacts:' || leads.converted_contact_id

)

select * from final
