{#- Links the source systems themselves assert: a web login by shop customer id is that customer, and a
    converted CRM lead is the contact it was converted into. Clustering follows them before any score.
    A `c360 resolve` input asserts nothing. -#}
{% if var('identity_input') == 'resolve' -%}
with

no_links as (

    select
        cast(null as varchar) as record_key_l,
        cast(null as varchar) as record_key_r,
        cast(null as varchar) as link_reason
    where false

)

select * from no_links
{%- else -%}
with

records as (

    select record_key, source_system, source_table, source_record_id
    from {{ ref('int_person_records_unioned') }}

),

web_logins as (

    select distinct
        user_id,
        cast(shop_customer_id as varchar) as customer_id
    from {{ ref('stg_web__events') }}
    where shop_customer_id is not null

),

converted_leads as (

    select
        lead_id,
        converted_contact_id
    from {{ ref('stg_crm__leads') }}
    where is_converted and converted_contact_id is not null

),

web_to_shop as (

    select
        web_users.record_key as record_key_l,
        shop_customers.record_key as record_key_r,
        'web login by shop customer id' as link_reason
    from web_logins
    inner join records as web_users
        on web_users.source_system = 'web' and web_logins.user_id = web_users.source_record_id
    inner join records as shop_customers
        on
            shop_customers.source_system = 'shop'
            and shop_customers.source_table = 'customers'
            and web_logins.customer_id = shop_customers.source_record_id

),

lead_to_contact as (

    select
        leads.record_key as record_key_l,
        contacts.record_key as record_key_r,
        'lead converted to contact' as link_reason
    from converted_leads
    inner join records as leads
        on leads.source_table = 'leads' and converted_leads.lead_id = leads.source_record_id
    inner join records as contacts
        on contacts.source_table = 'contacts' and converted_leads.converted_contact_id = contacts.source_record_id

),

asserted as (

    select * from web_to_shop
    union all
    select * from lead_to_contact

)

select * from asserted
{%- endif %}
