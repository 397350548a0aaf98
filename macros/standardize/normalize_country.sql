{#- ISO 3166 alpha-2 code of a country written as a code or a name: ISO's names and alpha-3 codes, its
    names in English usage and in its own languages ("日本", "Россия", "España") and other spellings people
    use (`_country_reference.sql`, generated from pycountry and the CLDR); any other code of two Latin
    letters is taken as the ISO code it looks like (AU, NL; not "N/A"); unknown names become null. -#}
{% macro normalize_country(column, inline=false) -%}
    {%- if not inline %}{{ return(_call_function('normalize_country', [column])) }}{% endif -%}
    {%- set folded -%}
        trim(regexp_replace(regexp_replace(strip_accents(lower({{ clean_text(column) }})), '[^\p{L} ]', '', 'g'), ' +', ' ', 'g'))
    {%- endset -%}
    {%- set lookup -%}
        coalesce(
            {{ _map_literal(country_spellings()) }}[country_name],
            case when regexp_full_match({{ clean_text(column) }}, '\s*[A-Za-z]{2}\s*') then upper(country_name) end
        )
    {%- endset -%}
    {{ _let(folded, 'country_name', lookup) }}
{%- endmacro %}
