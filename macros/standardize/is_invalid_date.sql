{#- True where the text holds something but parse_date could not make a plausible date of it. -#}
{% macro is_invalid_date(column, formats, min_year=1900) -%}
    (nullif(trim({{ column }}), '') is not null and {{ parse_date(column, formats, min_year) }} is null)
{%- endmacro %}
