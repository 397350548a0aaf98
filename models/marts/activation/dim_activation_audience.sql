{#- What an ad or email platform receives: per customer and segment, SHA-256 of the normalized email and
    of the E.164 phone, and nothing else personal. Only customers whose marketing consent allows it (the
    most restrictive statement of all their records wins) and who have an identifier to match on. An email
    or phone that is the golden value of several customers (a household's landline) is not sent: a
    platform would take those customers for one person. -#}
with

customers as (

    select * from {{ ref('dim_customers') }}

),

segments as (

    select * from {{ ref('dim_customer_segments') }}

),

shared_emails as (

    select email
    from customers
    where email is not null
    group by email
    having count(*) > 1

),

shared_phones as (

    select phone
    from customers
    where phone is not null
    group by phone
    having count(*) > 1

),

identifiers as (

    select
        customers.customer_id,
        customers.has_marketing_consent,
        case when shared_emails.email is null then customers.email end as email,
        case when shared_phones.phone is null then customers.phone end as phone
    from customers
    left join shared_emails on customers.email = shared_emails.email
    left join shared_phones on customers.phone = shared_phones.phone

),

audience as (

    select
        segments.customer_id,
        segments.segment_name,
        {{ sha256_identifier('identifiers.email') }} as email_sha256,
        {{ sha256_identifier('identifiers.phone') }} as phone_sha256,
        segments.as_of_date
    from segments
    inner join identifiers on segments.customer_id = identifiers.customer_id
    where identifiers.has_marketing_consent and (identifiers.email is not null or identifiers.phone is not null)

)

select * from audience
