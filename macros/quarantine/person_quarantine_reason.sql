{#- Why a person-bearing row cannot be staged, or null: the one rule every person table shares, in its
    order of precedence (missing key, text lost to a bad encoding, later copy of a key, no name/email/phone usable as an identifier,
    unparseable or future creation time). Expects the standardize_person columns. -#}
{% macro person_quarantine_reason(key_column, order_by, created_column='created_at') -%}
    case
        when {{ key_column }} is null then 'missing_primary_key'
        when {{ has_lost_text() }} then 'invalid_text_encoding'
        when {{ is_later_copy(key_column, order_by) }} then 'duplicate_primary_key'
        when
            first_name_normalized is null and last_name_normalized is null
            and email_normalized is null and phone_e164 is null
            then 'no_usable_identifier'
        when {{ created_column }} is null then 'invalid_timestamp'
        when {{ created_column }} > {{ future_cutoff('loaded_at') }} then 'future_timestamp'
    end
{%- endmacro %}
