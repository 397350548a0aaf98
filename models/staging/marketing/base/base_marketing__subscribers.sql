-- depends_on: {{ ref('gate_raw') }}
with

source as (

    select * from {{ source('marketing', 'subscribers') }}
    where {{ is_not_erased('marketing', 'subscribers', 'subscriber_hash') }}

),

repaired as (

    {#- text that was UTF-8 read as Windows-1252 on its way here is read as typed; the raw row keeps what
        came -#}
    select
        {{ select_repaired('source', ['merge_fname', 'merge_lname', 'merge_address']) }},
        to_json(source) as raw_row
    from source

),

address_parts as (

    {#- The ADDRESS merge field joins street, city, state, zip and country with two spaces. A street typed
        with trailing spaces adds empty parts after it, so the last four parts are read from the end. #}
    select
        repaired.*,
        array_to_string(string_split(repaired.merge_address, '  ')[1:-5], ' ') as merge_address_street,
        string_split(repaired.merge_address, '  ')[-4] as merge_address_city,
        string_split(repaired.merge_address, '  ')[-3] as merge_address_state,
        string_split(repaired.merge_address, '  ')[-2] as merge_address_zip,
        string_split(repaired.merge_address, '  ')[-1] as merge_address_country
    from repaired

),

standardized as (

    select
        {{ clean_text('address_parts.subscriber_hash') }} as subscriber_hash,
        {{ clean_text('address_parts.list_id') }} as list_id,
        {{ standardize_person(
            first_name='address_parts.merge_fname',
            last_name='address_parts.merge_lname',
            email='address_parts.email_address',
            phone='address_parts.merge_phone',
            birth_date='address_parts.merge_birthday',
            birth_date_formats=['%d/%m/%Y', '%d %b %Y'],
            street='address_parts.merge_address_street',
            city='address_parts.merge_address_city',
            state='address_parts.merge_address_state',
            postal_code='address_parts.merge_address_zip',
            country='address_parts.merge_address_country',
        ) }},
        lower({{ clean_text('address_parts.status') }}) as subscriber_status,
        {{ clean_text('address_parts.unsub_reason') }} as unsubscribe_reason,
        address_parts.member_rating,
        {{ to_utc_timestamp('address_parts.optin_time', ['%Y-%m-%d %H:%M:%S']) }} as opted_in_at,
        {{ to_utc_timestamp('address_parts.confirm_time', ['%Y-%m-%d %H:%M:%S']) }} as confirmed_at,
        {{ to_utc_timestamp('address_parts.last_changed', ['%Y-%m-%d %H:%M:%S']) }} as status_changed_at,
        timezone('UTC', address_parts._loaded_at) as loaded_at,
        address_parts.raw_row
    from address_parts

),

derived as (

    select
        *,
        subscriber_status = 'subscribed' as is_subscribed,
        subscriber_status = 'subscribed' as has_marketing_consent,
        case when subscriber_status = 'unsubscribed' then status_changed_at end as unsubscribed_at
    from standardized

),

checked as (

    select
        *,
        {{ person_quarantine_reason(
            'subscriber_hash', 'status_changed_at desc nulls last, raw_row', 'opted_in_at'
        ) }} as quarantine_reason
    from derived

),

identified as (

    select
        *,
        {{ raw_row_id('raw_row') }} as raw_row_id
    from checked

)

select * from identified
