{#- E.164 form (+<country code><national number>) of a phone number written in any common way.
    Numbers without an international prefix are read in the record's country (ISO 3166 alpha-2,
    default US): its calling code, its national trunk prefix dropped (libphonenumber's metadata, in
    `_country_reference.sql`); a trunk prefix kept in parentheses after the country code
    ("+44 (0)20 7946 0958") is dropped too. Extensions are ignored ("x12", "ext. 12", "Ext: 12", "#204"). A
    number a spreadsheet turned into a float ("4.155551234E9", "4155551234.0") is read back as its digits,
    and of several numbers in one field ("415-555-1234 / 415-555-9999", "...; ...") the first is taken.
    Anything that does not give a plausible number (8 to 15 digits; in the North American plan, ten digits
    with area and exchange codes starting 2-9) is null. -#}
{% macro normalize_phone(column, country_column="null") -%}
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
    {%- set plan = "string_split(" ~ _map_literal(calling_plans()) ~ "[coalesce(" ~ country_column ~ ", 'US')], '/')" -%}
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
    {{ _let(_let(_let(written, 'phone_written', digits), 'phone_digits', _let(plan, 'phone_plan', candidate)), 'e164', validated) }}
{%- endmacro %}
