{#- Trimmed text with inner whitespace runs collapsed to one space; empty becomes null. -#}
{% macro clean_text(column) -%}
    nullif(trim(regexp_replace(cast({{ column }} as varchar), '\s+', ' ', 'g')), '')
{%- endmacro %}
