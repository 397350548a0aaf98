{{ config(materialized='ephemeral') }}

{#- The erasure requests with their identifier normalized like the identity attributes (email match key,
    E.164 phone, record key). Ephemeral: the identifiers are never stored in the warehouse. -#}
with

source as (

    select * from {{ source('privacy', 'erasure_requests') }}

),

normalized as (

    select
        trim(request_id) as request_id,
        lower(trim(identifier_type)) as identifier_type,
        case lower(trim(identifier_type))
            when 'email' then {{ email_match_key(normalize_email('identifier_value')) }}
            when 'phone' then {{ normalize_phone('identifier_value') }}
            else trim(identifier_value)
        end as identifier,
        try_cast(requested_at as timestamptz) as requested_at
    from source

)

select * from normalized
