{#- A date from text in any of `formats` (strptime patterns, tried in order). Impossible dates
    (2023-02-30) and dates outside [min_year, today] are null: see is_invalid_date. -#}
{% macro parse_date(column, formats, min_year=1900) -%}
    case
        when
            try_strptime(trim({{ column }}), ['{{ formats | join("', '") }}'])::date
            between make_date({{ min_year }}, 1, 1) and current_date
            then try_strptime(trim({{ column }}), ['{{ formats | join("', '") }}'])::date
    end
{%- endmacro %}
