{#- Every raw row that erasure requests (the `privacy.erasure_requests` source) remove at ingest, with the request that
    removed it: the person's rows in every person table (matched by the normalized email or phone, or by
    record key), rows sharing an email or phone with those that is one person's (carried under one first name:
    a household's landline or a family's email is not, and the others' rows carrying it are theirs), every
    record of a customer that held one of them in the previous build, the rows that belong to those (orders,
    by customer or by one of the person's emails, and their lines, email events, web events of the same
    browsers), and every row an earlier build erased (stg_privacy__erased_record_digests), so the same raw
    files loaded again stay erased even where only the previous build's customers had found the row. Ids only:
    no personal data. Staging drops these rows, so they reach neither the warehouse nor the quarantine. The
    rows of this table are deleted when the build ends (on-run-end). -#}
{%- set previous_xref = previous_customer_xref() -%}
{%- set previous_digests = previous_erased_record_digests() -%}
with

identifiers as (

    {#- a request that cannot be carried out erases nothing (its audit row fails the build instead) -#}
    select * from {{ ref('stg_privacy__erasure_requests') }}
    where rejection_reason is null

),

contacts as (

    select * from {{ source('crm', 'contacts') }}

),

leads as (

    select * from {{ source('crm', 'leads') }}

),

shop_customers as (

    select * from {{ source('shop', 'customers') }}

),

orders as (

    select * from {{ source('shop', 'orders') }}

),

order_lines as (

    select * from {{ source('shop', 'order_lines') }}

),

tickets as (

    select * from {{ source('support', 'tickets') }}

),

subscribers as (

    select * from {{ source('marketing', 'subscribers') }}

),

email_events as (

    select * from {{ source('marketing', 'email_events') }}

),

web_events as (

    select * from {{ source('web', 'events') }}

),

contact_rows as (

    select
        'crm' as source_system,
        'contacts' as source_table,
        cast("Id" as varchar) as source_record_id,
        "FirstName" as first_name,
        "Email" as email,
        coalesce("Phone", "MobilePhone") as phone,
        "MailingCountry" as country
    from contacts

),

lead_rows as (

    select
        'crm' as source_system,
        'leads' as source_table,
        cast("Id" as varchar) as source_record_id,
        "FirstName" as first_name,
        "Email" as email,
        "Phone" as phone,
        "Country" as country
    from leads

),

shop_customer_rows as (

    select
        'shop' as source_system,
        'customers' as source_table,
        cast(id as varchar) as source_record_id,
        first_name,
        email,
        phone,
        country_code as country
    from shop_customers

),

ticket_rows as (

    select
        'support' as source_system,
        'tickets' as source_table,
        cast(ticket_id as varchar) as source_record_id,
        {{ full_name_part('requester_name', 'first') }} as first_name,
        requester_email as email,
        requester_phone as phone,
        cast(null as varchar) as country
    from tickets

),

subscriber_rows as (

    select
        'marketing' as source_system,
        'subscribers' as source_table,
        subscriber_hash as source_record_id,
        merge_fname as first_name,
        email_address as email,
        merge_phone as phone,
        cast(null as varchar) as country
    from subscribers

),

raw_person_rows as (

    select * from contact_rows
    union all
    select * from lead_rows
    union all
    select * from shop_customer_rows
    union all
    select * from ticket_rows
    union all
    select * from subscriber_rows

),

person_rows as (

    {#- normalized exactly like the identity attributes in staging -#}
    select
        source_system,
        source_table,
        source_record_id,
        first_name,
        {{ email_match_key(normalize_email('email')) }} as email_key,
        {{ normalize_phone('phone', normalize_country('country')) }} as phone_key
    from raw_person_rows

),

direct as (

    select
        person_rows.*,
        identifiers.request_id
    from person_rows
    inner join identifiers
        on
            (identifiers.identifier_type = 'email' and person_rows.email_key = identifiers.identifier)
            or (identifiers.identifier_type = 'phone' and person_rows.phone_key = identifiers.identifier)
            or (
                identifiers.identifier_type = 'record_key'
                and person_rows.source_system || ':' || person_rows.source_table || ':'
                || person_rows.source_record_id = identifiers.identifier
            )

),

carried_values as (

    {#- only when there is a request to carry out: a build without one reads no first name -#}
    select
        'email' as value_type,
        email_key as value_key,
        {{ normalize_name('first_name') }} as first_name_key
    from person_rows
    where email_key is not null and exists (select identifiers.request_id from identifiers)
    union all
    select
        'phone' as value_type,
        phone_key as value_key,
        {{ normalize_name('first_name') }} as first_name_key
    from person_rows
    where phone_key is not null and exists (select identifiers.request_id from identifiers)

),

personal_values as (

    {#- carried under one first name at most: one person's. A household's landline, a family's email or an
        office's phone is carried under several, and the other people's rows carrying it are theirs -#}
    select
        value_type,
        value_key
    from carried_values
    group by value_type, value_key
    having count(distinct first_name_key) <= 1

),

direct_values as (

    select
        request_id,
        'email' as value_type,
        email_key as value_key
    from direct
    where email_key is not null
    union
    select
        request_id,
        'phone' as value_type,
        phone_key as value_key
    from direct
    where phone_key is not null

),

direct_personal_values as (

    select direct_values.*
    from direct_values
    inner join personal_values
        on
            direct_values.value_type = personal_values.value_type
            and direct_values.value_key = personal_values.value_key

),

sharing as (

    {#- the same person's other records: they share one person's email or phone with a directly matched row -#}
    select
        person_rows.*,
        direct_personal_values.request_id
    from person_rows
    inner join direct_personal_values
        on
            (
                direct_personal_values.value_type = 'email'
                and person_rows.email_key = direct_personal_values.value_key
            )
            or (
                direct_personal_values.value_type = 'phone'
                and person_rows.phone_key = direct_personal_values.value_key
            )

),

{% if previous_xref is not none -%}
    previously_linked as (

        {#- every record of a customer that held a matched row in the previous build -#}
        select
            direct.request_id,
            linked.source_system,
            linked.source_table,
            linked.source_record_id
        from direct
        inner join {{ previous_xref }} as held
            on
                direct.source_system = held.source_system
                and direct.source_table = held.source_table
                and direct.source_record_id = held.source_record_id
        inner join {{ previous_xref }} as linked on held.customer_id = linked.customer_id

    ),

    previous_web_users as (

        select
            request_id,
            source_record_id as user_id
        from previously_linked
        where source_system = 'web'

    ),

{% else -%}
    previously_linked as (

        select
            null as request_id,
            null as source_system,
            null as source_table,
            null as source_record_id
        where false

    ),

    previous_web_users as (

        select
            null as request_id,
            null as user_id
        where false

    ),

{% endif -%}
{% if previous_digests is not none -%}
    raw_keys as (

        {#- the key of every raw row: the person rows' as above, and those of the tables that belong to them -#}
        select
            source_system,
            source_table,
            source_record_id
        from raw_person_rows
        union all
        select
            'shop' as source_system,
            'orders' as source_table,
            cast(id as varchar) as source_record_id
        from orders
        union all
        select
            'shop' as source_system,
            'order_lines' as source_table,
            cast(id as varchar) as source_record_id
        from order_lines
        union all
        select
            'marketing' as source_system,
            'email_events' as source_table,
            cast(id as varchar) as source_record_id
        from email_events
        union all
        select
            'web' as source_system,
            'events' as source_table,
            cast(message_id as varchar) as source_record_id
        from web_events

    ),

    remembered as (

        {#- rows an earlier build erased (stg_privacy__erased_record_digests, as the previous build left it) -#}
        select
            digests.request_id,
            raw_keys.source_system,
            raw_keys.source_table,
            raw_keys.source_record_id
        from raw_keys
        inner join {{ previous_digests }} as digests
            on {{ erased_record_digest('raw_keys') }} = digests.erased_record_digest

    ),

{% else -%}
    remembered as (

        select
            null as request_id,
            null as source_system,
            null as source_table,
            null as source_record_id
        where false

    ),

{% endif -%}
person_records as (

    select
        request_id,
        source_system,
        source_table,
        source_record_id
    from direct
    union
    select
        request_id,
        source_system,
        source_table,
        source_record_id
    from sharing
    union
    select
        request_id,
        source_system,
        source_table,
        source_record_id
    from previously_linked
    where source_system != 'web'
    union
    select
        request_id,
        source_system,
        source_table,
        source_record_id
    from remembered
    where source_table in ('contacts', 'leads', 'customers', 'tickets', 'subscribers')

),

erased_emails as (

    {#- the person's own emails: the one the request names, and those of their erased rows that are one person's -#}
    select
        request_id,
        identifier as email_key
    from identifiers
    where identifier_type = 'email'
    union
    select
        person_records.request_id,
        person_rows.email_key
    from person_records
    inner join person_rows
        on
            person_records.source_system = person_rows.source_system
            and person_records.source_table = person_rows.source_table
            and person_records.source_record_id = person_rows.source_record_id
    inner join personal_values
        on personal_values.value_type = 'email' and person_rows.email_key = personal_values.value_key

),

order_rows as (

    select
        id,
        customer_id,
        {{ email_match_key(normalize_email('email')) }} as email_key
    from orders

),

erased_orders as (

    {#- the orders of an erased shop customer, and every order placed with one of the person's emails -#}
    select distinct
        person_records.request_id,
        'shop' as source_system,
        'orders' as source_table,
        cast(order_rows.id as varchar) as source_record_id
    from order_rows
    inner join person_records
        on
            person_records.source_system = 'shop'
            and person_records.source_table = 'customers'
            and cast(order_rows.customer_id as varchar) = person_records.source_record_id
    union
    select distinct
        erased_emails.request_id,
        'shop' as source_system,
        'orders' as source_table,
        cast(order_rows.id as varchar) as source_record_id
    from order_rows
    inner join erased_emails on order_rows.email_key = erased_emails.email_key

),

erased_order_lines as (

    select distinct
        erased_orders.request_id,
        'shop' as source_system,
        'order_lines' as source_table,
        cast(order_lines.id as varchar) as source_record_id
    from order_lines
    inner join erased_orders on cast(order_lines.order_id as varchar) = erased_orders.source_record_id

),

erased_email_events as (

    select distinct
        person_records.request_id,
        'marketing' as source_system,
        'email_events' as source_table,
        cast(email_events.id as varchar) as source_record_id
    from email_events
    inner join person_records
        on
            person_records.source_system = 'marketing'
            and email_events.subscriber_hash = person_records.source_record_id

),

erased_users as (

    {#- web users that are the person: logged in by an erased email or as an erased shop customer -#}
    select distinct
        identifiers.request_id,
        web_events.user_id
    from web_events
    inner join identifiers
        on {{ email_match_key(normalize_email('web_events.user_id')) }} = identifiers.identifier
    union
    select distinct
        person_records.request_id,
        web_events.user_id
    from web_events
    inner join person_records
        on
            person_records.source_system = 'shop'
            and person_records.source_table = 'customers'
            and trim(web_events.user_id) = person_records.source_record_id
    union
    select distinct
        previous_web_users.request_id,
        web_events.user_id
    from web_events
    inner join previous_web_users on trim(web_events.user_id) = previous_web_users.user_id

),

erased_browsers as (

    {#- every browser such a user logged in from: its anonymous events are the person's too -#}
    select distinct
        erased_users.request_id,
        web_events.anonymous_id
    from web_events
    inner join erased_users on web_events.user_id = erased_users.user_id
    where web_events.anonymous_id is not null

),

erased_web_events as (

    select distinct
        erased_users.request_id,
        'web' as source_system,
        'events' as source_table,
        cast(web_events.message_id as varchar) as source_record_id
    from web_events
    inner join erased_users on web_events.user_id = erased_users.user_id
    union
    select distinct
        erased_browsers.request_id,
        'web' as source_system,
        'events' as source_table,
        cast(web_events.message_id as varchar) as source_record_id
    from web_events
    inner join erased_browsers on web_events.anonymous_id = erased_browsers.anonymous_id

),

erased as (

    select * from person_records
    union
    select * from erased_orders
    union
    select * from erased_order_lines
    union
    select * from erased_email_events
    union
    select * from erased_web_events
    union
    select * from remembered

)

select * from erased
