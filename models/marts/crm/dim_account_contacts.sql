{#- Which customers work at which CRM account: one row per CRM contact with an account. -#}
with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

xref as (

    select * from {{ ref('dim_customer_xref') }}

),

account_contacts as (

    select
        contacts.contact_id,
        contacts.account_id,
        xref.customer_id,
        contacts.salutation,
        contacts.lead_source,
        contacts.created_at
    from contacts
    left join xref on xref.record_key = 'crm:contacts:' || contacts.contact_id
    where contacts.account_id is not null and not contacts.has_unknown_account

)

select * from account_contacts
