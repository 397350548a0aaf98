{#- E.164 form (+<country code><national number>) of a phone number written in any common way.
    Numbers without an international prefix are read in the record's country (ISO 3166 alpha-2,
    default US): its calling code, its national trunk prefix dropped (libphonenumber's metadata, in
    `_country_reference.sql`); a trunk prefix kept in parentheses after the country code
    ("+44 (0)20 7946 0958") is dropped too, and so is a prefix written before the national number that is
    none of it ("044 55 1234 5678" and "+52 1 55 1234 5678" in Mexico, Brazil's carrier codes: `parsing_prefixes`).
    Digits that begin with the country's calling code, written without "+" or "00" ("447911123456" in GB), are
    read as international where the digits after the code are a national number of the country's plan
    (`number_patterns`) and the whole digits are not. Extensions are ignored ("x12", "ext. 12", "Ext: 12", "#204"). A
    number a spreadsheet turned into a float ("4.155551234E9", "4155551234.0") is read back as its digits,
    and of several numbers in one field ("415-555-1234 / 415-555-9999", "...; ...") the first is taken.
    Anything that does not give a plausible number (8 to 15 digits; in the North American plan, ten digits
    with area and exchange codes starting 2-9) is null.

    `other_countries` (a list of ISO codes, for a record that names no country and is read in a default
    one): a national number that is no number of the default country's plan (libphonenumber's pattern of
    its national numbers) but of exactly one of these is read in that one: "07651 541094" in a file of US
    and UK records is British. -#}
{% macro normalize_phone(column, country_column="null", other_countries=none, inline=false) -%}
    {%- if not inline -%}
        {%- if other_countries is none -%}
            {{ return(_call_function('normalize_phone', [column, country_column])) }}
        {%- endif -%}
        {{ return(_call_function('normalize_phone_among', [column, country_column, other_countries])) }}
    {%- endif -%}
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
        {%- set read = _phone_read_in(default_country) -%}
    {%- else -%}
        {#- written internationally, or no other country to read it in: the usual reading only, at no cost -#}
        {%- set countries -%}
            case
                when phone_digits like '+%' or phone_digits like '00%' or coalesce(len({{ other_countries }}), 0) < 2
                    then [{{ default_country }}]
                else list_prepend({{ default_country }}, {{ other_countries }})
            end
        {%- endset -%}
        {%- set readings = "list_transform(phone_read_countries, lambda phone_country: "
            ~ _phone_read_in('phone_country', 'len(phone_read_countries) > 1') ~ ")" -%}
        {#- the default country's reading where it is a number of its plan, else the one other country's
            whose plan it fits, if exactly one -#}
        {%- set others_of_plan -%}
            list_filter(
                list_distinct(list_transform(phone_readings[2:], lambda other_reading: other_reading[2])),
                lambda found: found is not null
            )
        {%- endset -%}
        {%- set chosen -%}
            case
                when len(phone_readings) = 1 or phone_readings[1][2] is not null then phone_readings[1][1]
                else coalesce({{ _let(others_of_plan, 'other_readings', 'case when len(other_readings) = 1 then other_readings[1] end') }}, phone_readings[1][1])
            end
        {%- endset -%}
        {%- set read = _let(countries, 'phone_read_countries', _let(readings, 'phone_readings', chosen)) -%}
    {%- endif -%}
    {{ _let(_let(written, 'phone_written', digits), 'phone_digits', read) }}
{%- endmacro %}

{#- The E.164 reading of the bare digits `phone_digits` (bound by normalize_phone) in `country`: see
    normalize_phone. A prefix written before the national number and no part of it is dropped where the
    number does not fit the country's plan and then does (`_phone_prefix_dropped`): after the trunk prefix
    ("044 55 1234 5678" in Mexico), or after the calling code written without "+" or "00" ("447911123456"
    in GB is read as international where the digits after the code are a national number of the plan and
    the whole digits are not). With `plan_check` (an SQL condition), the reading is a list: the number, and
    the number again where the condition holds and it is one of the country's plan (else null). -#}
{% macro _phone_read_in(country, plan_check=none) -%}
    {#- the calling code, the trunk prefix and the expression of the national numbers -#}
    {%- set plan -%}
        list_append(
            string_split({{ _map_literal(calling_plans()) }}[{{ country }}], '/'),
            {{ _map_literal(number_patterns(), ' ') }}[{{ country }}]
        )
    {%- endset -%}
    {#- the usual reading first; then the digits with the trunk prefix kept, and the digits as international -#}
    {%- set candidates -%}
        case
            when phone_digits like '+%' then ['+' || replace(phone_digits, '+', '')]
            when phone_digits like '00%' then ['+' || substr(replace(phone_digits, '+', ''), 3)]
            when phone_plan[1] = '1' then [case
                when length(phone_digits) = 10 then '+1' || phone_digits
                when length(phone_digits) = 11 and phone_digits like '1%' then '+' || phone_digits
            end]
            when length(phone_plan[2]) > 0 and starts_with(phone_digits, phone_plan[2])
                then ['+' || phone_plan[1] || substr(phone_digits, length(phone_plan[2]) + 1), '+' || phone_plan[1] || phone_digits]
            when starts_with(phone_digits, phone_plan[1])
                then ['+' || phone_plan[1] || phone_digits, null, '+' || phone_digits]
            else ['+' || phone_plan[1] || phone_digits]
        end
    {%- endset -%}
    {%- set readings = "list_transform(" ~ candidates ~ ", lambda phone_candidate: " ~ _phone_prefix_dropped('phone_candidate') ~ ")" -%}
    {%- set chosen -%}
        case
            when phone_readings[2] is not null
                and not regexp_full_match(substr(phone_digits, length(phone_plan[2]) + 1), phone_plan[3])
                and regexp_full_match(substr(phone_readings[2], length(phone_plan[1]) + 2), phone_plan[3])
                then phone_readings[2]
            when phone_readings[3] is not null
                and not regexp_full_match(phone_digits, phone_plan[3])
                and regexp_full_match(substr(phone_readings[3], length(phone_plan[1]) + 2), phone_plan[3])
                then phone_readings[3]
            else phone_readings[1]
        end
    {%- endset -%}
    {%- set validated -%}
        case
            when e164 like '+1%' and not regexp_full_match(e164, '\+1[2-9][0-9]{2}[2-9][0-9]{6}') then null
            when regexp_full_match(e164, '\+[1-9][0-9]{7,14}') then e164
        end
    {%- endset -%}
    {%- if plan_check is not none -%}
        {%- set validated -%}
            [
                {{ validated }},
                case
                    when {{ plan_check }} and starts_with(e164, '+' || phone_plan[1])
                        and regexp_full_match(substr(e164, length(phone_plan[1]) + 2), phone_plan[3])
                        then e164
                end
            ]
        {%- endset -%}
    {%- endif -%}
    {{ _let(plan, 'phone_plan', _let(readings, 'phone_readings', _let(chosen, 'e164', validated))) }}
{%- endmacro %}

{#- The E.164 number `e164` (an identifier) with a prefix dropped that was written before its national
    number and is none of it: where the number does not fit its country's plan and does without the prefix
    (libphonenumber's national prefix for parsing, `parsing_prefixes`: "+52 1 55 1234 5678" and "044 55 1234
    5678" are +525512345678, Brazil's carrier code in "0 21 11 98765 4321" is dropped, Argentina's mobile "15"
    after the area code becomes the "9" before it). -#}
{% macro _phone_prefix_dropped(e164) -%}
    {%- set rules = {} -%}
    {%- for code, rule in parsing_prefixes().items() -%}
        {%- do rules.update({code: [code, rule[0], rule[1], rule[2] | string, rule[3]]}) -%}
    {%- endfor -%}
    {%- set rules_map = _map_literal(rules, ' ') -%}
    {#- calling codes are prefix-free: at most one of a number's first one, two or three digits is one -#}
    {%- set rule_lookup -%}
        string_split(coalesce(
            {{ rules_map }}[substr({{ e164 }}, 2, 1)],
            {{ rules_map }}[substr({{ e164 }}, 2, 2)],
            {{ rules_map }}[substr({{ e164 }}, 2, 3)]
        ), '/')
    {%- endset -%}
    {%- set national = "substr(" ~ e164 ~ ", length(prefix_rule[1]) + 2)" -%}
    {%- set pattern = _map_literal(number_patterns(), ' ') ~ "[prefix_rule[5]]" -%}
    {#- the prefix replaced as the rule says where its group matched, else dropped -#}
    {%- set rewritten -%}
        case
            when (prefix_rule[4] = '1' and regexp_extract({{ national }}, prefix_rule[2], 1) != '')
                or (prefix_rule[4] = '2' and regexp_extract({{ national }}, prefix_rule[2], 2) != '')
                then regexp_replace({{ national }}, prefix_rule[2], prefix_rule[3])
            else regexp_replace({{ national }}, prefix_rule[2], '')
        end
    {%- endset -%}
    {%- set chosen -%}
        case
            when prefix_rule is null or regexp_full_match({{ national }}, {{ pattern }}) then {{ e164 }}
            when regexp_full_match(prefix_rewritten, {{ pattern }}) then '+' || prefix_rule[1] || prefix_rewritten
            else {{ e164 }}
        end
    {%- endset -%}
    {{ _let(rule_lookup, 'prefix_rule', _let(rewritten, 'prefix_rewritten', chosen)) }}
{%- endmacro %}
