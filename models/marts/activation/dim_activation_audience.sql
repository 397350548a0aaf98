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

identifiers as (

    select
        customer_id,
        has_marketing_consent,
        case when count(*) over (partition by email) = 1 then email end as email,
        case when count(*) over (partition by phone) = 1 then phone end as phone
    from customers

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
