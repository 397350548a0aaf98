{#- What an ad or email platform receives: per customer and segment, SHA-256 of the normalized email and
    of the E.164 phone, and nothing else personal. Only customers whose marketing consent allows it (the
    most restrictive statement of all their records wins) and who have an identifier to match on. -#}
with

customers as (

    select * from {{ ref('dim_customers') }}

),

segments as (

    select * from {{ ref('dim_customer_segments') }}

),

audience as (

    select
        segments.customer_id,
        segments.segment_name,
        {{ sha256_identifier('customers.email') }} as email_sha256,
        {{ sha256_identifier('customers.phone') }} as phone_sha256,
        segments.as_of_date
    from segments
    inner join customers on segments.customer_id = customers.customer_id
    where customers.has_marketing_consent and (customers.email is not null or customers.phone is not null)

)

select * from audience
