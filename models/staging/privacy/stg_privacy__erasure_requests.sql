{{ config(materialized='ephemeral') }}

{#- The erasure requests with their identifier normalized like the identity attributes (email match key,
    E.164 phone, record key). A request that cannot be carried out (no request id, an identifier type that
    is not email, phone or record_key, an identifier that does not read as one, no readable time) names no
    one: it erases nothing and carries its rejection_reason, so the audit cannot report it verified.
    Ephemeral: the identifiers are never stored in the warehouse. -#}
with

source as (

    select * from {{ source('privacy', 'erasure_requests') }}

),

normalized as (

    select
        nullif(trim(request_id), '') as given_request_id,
        lower(trim(identifier_type)) as identifier_type,
        nullif(case lower(trim(identifier_type))
            when 'email' then {{ email_match_key(normalize_email('identifier_value')) }}
            when 'phone' then {{ normalize_phone('identifier_value') }}
            when 'record_key' then regexp_extract(trim(identifier_value), '^[a-z_]+:[a-z_]+:.+$')
        end, '') as identifier,
        cast(try_cast(requested_at as timestamptz) at time zone 'UTC' as timestamp) as requested_at
    from source

),

checked as (

    {#- a request without an id is audited under a generated one (its position among such requests) -#}
    select
        identifier_type,
        identifier,
        requested_at,
        coalesce(
            given_request_id,
            'missing-id-' || row_number() over (
                partition by given_request_id is null
                order by requested_at nulls last, identifier_type, identifier
            )
        ) as request_id,
        case
            when given_request_id is null then 'missing_request_id'
            when
                identifier_type is null or identifier_type not in ('email', 'phone', 'record_key')
                then 'unknown_identifier_type'
            when identifier is null then 'unreadable_identifier'
            when requested_at is null then 'unreadable_requested_at'
        end as rejection_reason
    from normalized

)

select * from checked
