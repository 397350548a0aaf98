{#- ISO 3166 alpha-2 code of a country written as a code or a name; any other code of two letters is taken
    as the ISO code it looks like (AU, NL; not "N/A"); unknown names become null. -#}
{% macro normalize_country(column) -%}
    {%- set names = {
        "US": ["us", "usa", "united states", "united states of america", "america"],
        "CA": ["ca", "can", "canada"],
        "GB": ["gb", "gbr", "uk", "united kingdom", "great britain", "england", "scotland", "wales"],
        "DE": ["de", "deu", "germany", "deutschland"],
        "FR": ["fr", "fra", "france"],
        "ES": ["es", "esp", "spain", "espana"],
        "IE": ["ie", "irl", "ireland"],
        "IT": ["it", "ita", "italy", "italia"],
    } -%}
    {%- set folded = "trim(regexp_replace(strip_accents(lower(" ~ clean_text(column) ~ ")), '[^a-z ]', '', 'g'))" -%}
    {%- set lookup -%}
        case
            {%- for iso, spellings in names.items() %}
            when country_name in ('{{ spellings | join("', '") }}') then '{{ iso }}'
            {%- endfor %}
            when regexp_full_match({{ clean_text(column) }}, '\s*[A-Za-z]{2}\s*') then upper(country_name)
        end
    {%- endset -%}
    {{ _let(folded, 'country_name', lookup) }}
{%- endmacro %}
