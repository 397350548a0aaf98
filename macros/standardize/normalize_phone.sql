{#- E.164 form (+<country code><national number>) of a phone number written in any common way.
    Numbers without an international prefix are read in the record's country (ISO 3166 alpha-2,
    default US): its calling code, its national trunk prefix dropped (libphonenumber's metadata, in
    `_country_reference.sql`); a trunk prefix kept in parentheses after the country code
    ("+44 (0)20 7946 0958") is dropped too. Extensions are ignored ("x12", "ext. 12", "Ext: 12", "#204"). A
    number a spreadsheet turned into a float ("4.155551234E9", "4155551234.0") is read back as its digits,
    and of several numbers in one field ("415-555-1234 / 415-555-9999", "...; ...") the first is taken.
    Anything that does not give a plausible number (8 to 15 digits; in the North American plan, ten digits
    with area and exchange codes starting 2-9) is null.

    `other_countries` (a list of ISO codes, for a record that names no country and is read in a default
    one): a national number that is no number of the default country's plan (libphonenumber's pattern of
    its national numbers) but of exactly one of these is read in that one: "07651 541094" in a file of US
    and UK records is British. -#}
{% macro normalize_phone(column, country_column="null", other_countries=none) -%}
    {%- set written -%}
        case
            when regexp_full_match(trim({{ column }}), '[0-9]+(\.[0-9]*)?[eE]\+?[0-9]+')
                then cast(try_cast(try_cast(trim({{ column }}) as double) as hugeint) as varchar)
            when regexp_full_match(trim({{ column }}), '[0-9]+\.0+') then split_part(trim({{ column }}), '.', 1)
            else regexp_split_to_array(lower({{ column }}), '\s*[;,]\s*|\s+/\s+|\s+or\s+')[1]
        end
    {%- endset -%}
    {%- set digits -%}
        regexp_replace(
            regexp_replace(
                regexp_replace(phone_written, '(x|ext|extn|extension|#)[.:]?\s*[0-9]+\s*$', ''),
                '\(\s*0\s*\)', ''
            ),
            '[^0-9+]', '', 'g'
        )
    {%- endset -%}
    {%- set default_country = "coalesce(" ~ country_column ~ ", 'US')" -%}
    {%- if other_countries is none -%}
        {{ _let(_let(written, 'phone_written', digits), 'phone_digits', _phone_read_in(default_country)) }}
    {%- else -%}
        {%- set reading_of_plan = "case when " ~ _phone_of_plan('other_e164', 'other_country') ~ " then other_e164 end" -%}
        {%- set readings -%}
            list_filter(
                list_distinct(list_transform({{ other_countries }}, lambda other_country: {{ _let(_phone_read_in('other_country'), 'other_e164', reading_of_plan) }})),
                lambda found: found is not null
            )
        {%- endset -%}
        {%- set chosen -%}
            case
                {# written internationally, or no other country to read it in: the usual reading, at no cost #}
                when phone_digits like '+%' or phone_digits like '00%' or coalesce(len({{ other_countries }}), 0) < 2
                    then default_e164
                when {{ _phone_of_plan('default_e164', default_country) }} then default_e164
                else coalesce({{ _let(readings, 'other_readings', 'case when len(other_readings) = 1 then other_readings[1] end') }}, default_e164)
            end
        {%- endset -%}
        {{ _let(_let(written, 'phone_written', digits), 'phone_digits', _let(_phone_read_in(default_country), 'default_e164', chosen)) }}
    {%- endif -%}
{%- endmacro %}

{#- The E.164 reading of the bare digits `phone_digits` (bound by normalize_phone) in `country`: see
    normalize_phone. -#}
{% macro _phone_read_in(country) -%}
    {%- set plan = "string_split(" ~ _map_literal(calling_plans()) ~ "[" ~ country ~ "], '/')" -%}
    {%- set candidate -%}
        case
            when phone_digits like '+%' then '+' || replace(phone_digits, '+', '')
            when phone_digits like '00%' then '+' || substr(replace(phone_digits, '+', ''), 3)
            when phone_plan[1] = '1' then case
                when length(phone_digits) = 10 then '+1' || phone_digits
                when length(phone_digits) = 11 and phone_digits like '1%' then '+' || phone_digits
            end
            when length(phone_plan[2]) > 0 and starts_with(phone_digits, phone_plan[2])
                then '+' || phone_plan[1] || substr(phone_digits, length(phone_plan[2]) + 1)
            else '+' || phone_plan[1] || phone_digits
        end
    {%- endset -%}
    {%- set validated -%}
        case
            when e164 like '+1%' and not regexp_full_match(e164, '\+1[2-9][0-9]{2}[2-9][0-9]{6}') then null
            when regexp_full_match(e164, '\+[1-9][0-9]{7,14}') then e164
        end
    {%- endset -%}
    {{ _let(_let(plan, 'phone_plan', candidate), 'e164', validated) }}
{%- endmacro %}

{#- True where `e164` is a number of `country`'s plan: its calling code, then a national number that
    libphonenumber's pattern for the country allows. -#}
{% macro _phone_of_plan(e164, country) -%}
    {%- set code_lookup = "string_split(" ~ _map_literal(calling_plans()) ~ "[" ~ country ~ "], '/')[1]" -%}
    {%- set of_plan -%}
        starts_with({{ e164 }}, '+' || calling_code)
        and regexp_full_match(
            substr({{ e164 }}, length(calling_code) + 2),
            {{ _map_literal(number_patterns(), ' ') }}[{{ country }}]
        )
    {%- endset -%}
    coalesce({{ _let(code_lookup, 'calling_code', of_plan) }}, false)
{%- endmacro %}
