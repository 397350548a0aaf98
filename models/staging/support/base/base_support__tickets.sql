-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('support', 'tickets') }}
    where {{ is_not_erased('support', 'tickets', 'ticket_id') }}

),

requester_names as (

    select
        source.*,
        {#- a name that was UTF-8 read as Windows-1252 on its way here is read as typed -#}
        {{ clean_text(repair_mojibake('source.requester_name')) }} as requester_name_cleaned,
        to_json(source) as raw_row
    from source

),

requester_name_parts as (

    select
        requester_names.*,
        {{ full_name_part('requester_names.requester_name_cleaned', 'first') }} as requester_first_name_part,
        {{ full_name_part('requester_names.requester_name_cleaned', 'last') }} as requester_last_name_part
    from requester_names

),

standardized as (

    select
        requester_name_parts.ticket_id,
        requester_name_parts.requester_name_cleaned as requester_name,
        {{ standardize_person(
            first_name='requester_name_parts.requester_first_name_part',
            last_name='requester_name_parts.requester_last_name_part',
            email='requester_name_parts.requester_email',
            phone='requester_name_parts.requester_phone',
            birth_date='null',
            street='null',
            city='null',
            state='null',
            postal_code='null',
            country='null',
        ) }},
        {{ clean_text('requester_name_parts.subject') }} as subject,
        lower({{ clean_text('requester_name_parts.channel') }}) as channel,
        lower({{ clean_text('requester_name_parts.status') }}) as ticket_status,
        lower({{ clean_text('requester_name_parts.priority') }}) as priority,
        lower({{ clean_text('requester_name_parts.satisfaction_rating') }}) as satisfaction_rating,
        {{ to_utc_timestamp(
            'requester_name_parts.created_at', ['%m/%d/%Y %I:%M %p'], 'America/New_York'
        ) }} as created_at,
        {{ to_utc_timestamp(
            'requester_name_parts.updated_at', ['%m/%d/%Y %I:%M %p'], 'America/New_York'
        ) }} as last_modified_at,
        {{ to_utc_timestamp(
            'requester_name_parts.solved_at', ['%m/%d/%Y %I:%M %p'], 'America/New_York'
        ) }} as solved_at,
        timezone('UTC', requester_name_parts._loaded_at) as loaded_at,
        requester_name_parts.raw_row
    from requester_name_parts

),

flagged as (

    select
        *,
        ticket_status in ('solved', 'closed') as is_solved,
        (
            first_name_normalized is not null or last_name_normalized is not null
            or email_normalized is not null or phone_e164 is not null
        ) as has_requester_identity
    from standardized

),

checked as (

    select
        *,
        case
            when ticket_id is null then 'missing_primary_key'
            when {{ has_lost_text('raw_row') }} then 'invalid_text_encoding'
            when {{ is_later_copy('ticket_id', 'last_modified_at desc nulls last, raw_row') }}
                then 'duplicate_primary_key'
            when created_at is null then 'invalid_timestamp'
            when created_at > {{ future_cutoff('loaded_at') }} then 'future_timestamp'
        end as quarantine_reason
    from flagged

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
