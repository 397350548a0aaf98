{#- Postal code for matching: US zips as their first five digits, left-padded where a numeric
    export dropped leading zeros (ZIP+4 suffixes dropped, after a dash, a space or none: "02134-1234",
    "02134 1234", "21341234"; a spreadsheet's "2134.0" is 02134); in the countries whose five-digit codes
    can start with 0 (Germany, France, Spain, Italy, Finland, Mexico, Turkey, South Korea) a four-digit code
    is padded the same way; other countries upper case without spaces.
    Where the record has no country of its own (`country_column` null) and `default_country` is assumed,
    a code that is no US zip is kept in the generic form (a British postcode in an export without
    countries). A code without a digit ("N/A", "none") or of zeros only ("00000", a filler) is no postal
    code anywhere. -#}
{% macro normalize_postal_code(column, country_column, default_country="'US'", inline=false) -%}
    {%- if not inline %}{{ return(_call_function('normalize_postal_code', [column, country_column, default_country])) }}{% endif -%}
    {%- set generic = "nullif(upper(regexp_replace(" ~ column ~ ", '[^A-Za-z0-9]', '', 'g')), '')" -%}
    {%- set by_country -%}
        case
            when not regexp_matches({{ column }}, '[0-9]') or not regexp_matches({{ column }}, '[1-9A-Za-z]') then null
            when
                coalesce(record_country, {{ default_country }}) = 'US'
                and regexp_full_match(trim({{ column }}), '[0-9]{3,5}([- ][0-9]{4})?(\.0+)?')
                then lpad(split_part(split_part(replace(trim({{ column }}), '-', ' '), ' ', 1), '.', 1), 5, '0')
            when
                coalesce(record_country, {{ default_country }}) = 'US'
                and regexp_full_match(trim({{ column }}), '[0-9]{7,9}')
                then lpad(left(trim({{ column }}), length(trim({{ column }})) - 4), 5, '0')
            when
                record_country in ('DE', 'FR', 'ES', 'IT', 'FI', 'MX', 'TR', 'KR')
                and regexp_full_match(trim({{ column }}), '[0-9]{4}(\.0+)?')
                then lpad(split_part(trim({{ column }}), '.', 1), 5, '0')
            when coalesce(record_country, {{ default_country }}) <> 'US' or record_country is null
                then {{ generic }}
        end
    {%- endset -%}
    {{ _let(country_column, 'record_country', by_country) }}
{%- endmacro %}
