{#- A date from text in any of `formats` (strptime patterns, tried in order). Impossible dates
    (2023-02-30), dates outside [min_year, today] and known placeholder dates (1900-01-01, spreadsheet day
    zero, Unix time zero: the identity_placeholder_values seed) are null: see is_invalid_date. -#}
{% macro parse_date(column, formats, min_year=1900) -%}
    {%- set parsed = "try_strptime(trim(" ~ column ~ "), ['" ~ formats | join("', '") ~ "'])::date" -%}
    case
        when
            {{ parsed }} between make_date({{ min_year }}, 1, 1) and current_date
            and not {{ is_placeholder('birth_date', "strftime(" ~ parsed ~ ", '%Y-%m-%d')") }}
            then {{ parsed }}
    end
{%- endmacro %}
