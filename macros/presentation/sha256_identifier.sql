{#- Hex SHA-256 of an identifier as ad and email platforms expect it for matching (lower-case, trimmed
    input; null stays null). -#}
{% macro sha256_identifier(column) -%}
    sha256(lower(trim({{ column }})))
{%- endmacro %}
