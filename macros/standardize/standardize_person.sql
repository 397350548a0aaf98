{#- The standardized identity columns every person-bearing staging model exposes, from the raw
    column expressions it is given (pass "null" for what a source does not have).

    Display forms keep what was typed (trimmed); *_normalized forms are the matching keys and are
    null for placeholders (flagged in is_*_placeholder), so junk never becomes an identifier. -#}
{% macro standardize_person(
    first_name="null", last_name="null", email="null", phone="null",
    birth_date="null", birth_date_formats=["%Y-%m-%d"], birth_date_min_year=1900,
    street="null", city="null", state="null", postal_code="null", country="null",
    default_country="'US'", other_countries=none
) -%}
    {%- set country_code = "coalesce(" ~ normalize_country(country) ~ ", " ~ default_country ~ ")" -%}
    {#- a record that names no country may have a national number of another country its source serves -#}
    {%- set phone_countries = none if other_countries is none
        else "case when " ~ normalize_country(country) ~ " is null then " ~ other_countries ~ " end" -%}
    {#- a help desk writes the email as the requester's name when it has no name: the email is taken from
        there when the email field has none -#}
    {%- set valid_email = "coalesce(" ~ normalize_email(email) ~ ", " ~ normalize_email(first_name) ~ ", " ~ normalize_email(last_name) ~ ")" -%}
    {#- a title typed before the first name ("Dr. John", "Mrs Jane") or after it as reservation systems do
        ("JOHN MR"), and a middle initial after it ("John A."), are not part of it -#}
    {%- set before_title = "regexp_replace(" ~ normalize_name(_without_aside(first_name)) ~ ", '^(" ~ _person_titles() ~ ") ([a-z])', '\\2')" -%}
    {%- set untitled = "regexp_replace(" ~ before_title ~ ", '^([a-z].*) (" ~ _trailing_titles() ~ ")$', '\\1')" -%}
    {%- set last_key = normalize_name(_surname_text(last_name)) -%}
    {%- set first_key = "regexp_replace(" ~ untitled ~ ", '^([a-z]{2,}) [a-z]$', '\\1')" -%}
    {#- "John Doe": each name a real one, the two together a placeholder, also typed the other way round
        (first name "DOE", last name "JOHN") -#}
    {%- set first_words, last_words = normalize_name(first_name), normalize_name(last_name) -%}
    {%- set is_filler_full_name = "(" ~ is_placeholder('full_name', "concat_ws(' ', " ~ first_words ~ ", " ~ last_words ~ ")")
        ~ " or " ~ is_placeholder('full_name', "concat_ws(' ', " ~ last_words ~ ", " ~ first_words ~ ")") ~ ")" -%}
    {{ clean_text(first_name) }} as first_name,
    {#- a couple, a family or an honoree is no one person's first name, nor a husband's on his wife's record #}
    case
        when not {{ is_placeholder('name', first_key) }} and not {{ _is_not_a_name(first_name) }}
            and not {{ _is_newborn_name(first_name) }} and not {{ is_filler_full_name }}
            and not {{ _is_household_name(first_name, last_name) }} and not {{ _is_tribute(first_name, last_name) }}
            and not {{ _is_husbands_name(first_name) }}
            then {{ first_key }}
    end as first_name_normalized,
    {{ clean_text(last_name) }} as last_name,
    case
        when not {{ is_placeholder('name', last_key) }} and not {{ _is_not_a_name(last_name) }}
            and not {{ is_filler_full_name }}
            and not {{ _is_tribute(first_name, last_name) }}
            then {{ last_key }}
    end as last_name_normalized,
    (
        {{ is_placeholder('name', normalize_name(first_name)) }}
        or {{ is_placeholder('name', first_key) }}
        or {{ _is_newborn_name(first_name) }}
        or {{ is_filler_full_name }}
        or {{ is_placeholder('name', normalize_name(last_name)) }}
        or {{ _is_not_a_name(first_name) }}
        or {{ _is_not_a_name(last_name) }}
    ) as has_placeholder_name,
    {#- an email typed to fill a required field is no address: listed in the seed, or filler by its shape -#}
    {%- set email_key = email_match_key(valid_email) -%}
    {%- set email_key_unfilled = _let(email_key, 'email_key', "case when not " ~ _is_filler_email('email_key') ~ " then email_key end") %}
    {{ valid_email }} as email,
    case
        when not {{ is_placeholder('email', email_key_unfilled) }}
            then {{ email_key_unfilled }}
    end as email_normalized,
    ({{ is_placeholder('email', email_key) }} or {{ _let(email_key, 'email_key', _is_filler_email('email_key')) }}) as is_email_placeholder,
    ({{ clean_text(email) }} is not null and {{ normalize_email(email) }} is null) as has_invalid_email,
    {#- a phone typed to fill a required field is no number in any country: listed in the seed, or one
        digit repeated, or a run of digits up or down (after a calling code of up to three digits too:
        "+55 11111111111"), whichever country it would be read in -#}
    {%- set digits = "regexp_replace(" ~ phone ~ ", '[^0-9]', '', 'g')" -%}
    {%- set filler_digits -%}
        (length(phone_digits) >= 6 and (
            contains('01234567890', phone_digits) or contains('9876543210', phone_digits)
            or list_bool_or(list_transform([0, 1, 2, 3], lambda code_length: length(phone_digits) - code_length >= 6
                and ltrim(substr(phone_digits, code_length + 1), substr(phone_digits, code_length + 1, 1)) = ''))
        ))
    {%- endset -%}
    {%- set is_filler -%}
        (
            {{ is_placeholder('phone', normalize_phone(phone, country_code, phone_countries)) }}
            or {{ is_placeholder('phone_digits', digits) }}
            or coalesce({{ _let(digits, 'phone_digits', filler_digits) }}, false)
            or {{ is_placeholder('name', normalize_name(phone)) }}
        )
    {%- endset -%}
    {{ clean_text(phone) }} as phone,
    case
        when not {{ is_filler }}
            then {{ normalize_phone(phone, country_code, phone_countries) }}
    end as phone_e164,
    {{ is_filler }} as is_phone_placeholder,
    {{ parse_date(birth_date, birth_date_formats, birth_date_min_year) }} as birth_date,
    {{ is_invalid_date(birth_date, birth_date_formats, birth_date_min_year) }} as has_invalid_birth_date,
    {{ clean_text(street) }} as street_address,
    {#- a street or city typed to fill a required field ("n/a", "unknown", "-") is no address -#}
    case
        when not {{ is_placeholder(['name', 'address'], normalize_name(street)) }}
            then {{ _let(normalize_street(street), 'street_key',
                "case when regexp_matches(street_key, '[a-z0-9]') then street_key end") }}
    end as street_address_normalized,
    {{ clean_text(city) }} as city,
    case
        when not {{ is_placeholder(['name', 'address'], normalize_name(city)) }}
            then {{ normalize_name(city) }}
    end as city_normalized,
    {{ normalize_state(state) }} as state_code,
    {{ normalize_postal_code(clean_text(postal_code), normalize_country(country), default_country) }} as postal_code,
    case when {{ clean_text(country) }} is not null then {{ normalize_country(country) }} end as country_code
{%- endmacro %}
