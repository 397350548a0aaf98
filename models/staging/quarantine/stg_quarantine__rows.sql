{%- set bases = [
    ('base_crm__accounts', 'crm', 'accounts', 'account_id'),
    ('base_crm__contacts', 'crm', 'contacts', 'contact_id'),
    ('base_crm__leads', 'crm', 'leads', 'lead_id'),
    ('base_crm__opportunities', 'crm', 'opportunities', 'opportunity_id'),
    ('base_shop__customers', 'shop', 'customers', 'customer_id'),
    ('base_shop__orders', 'shop', 'orders', 'order_id'),
    ('base_shop__order_lines', 'shop', 'order_lines', 'order_line_id'),
    ('base_support__tickets', 'support', 'tickets', 'ticket_id'),
    ('base_marketing__subscribers', 'marketing', 'subscribers', 'subscriber_hash'),
    ('base_marketing__email_events', 'marketing', 'email_events', 'email_event_id'),
    ('base_web__events', 'web', 'events', 'web_event_id'),
] -%}

with

rejected as (

    {% for base_model, system, table, key in bases -%}
        {{ quarantined_rows_of(base_model, system, table, key) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

keyed as (

    select
        * exclude (raw_row_id),
        md5(concat_ws('|', source_system, source_table, raw_row_id)) as quarantined_row_id
    from rejected

)

select * from keyed
