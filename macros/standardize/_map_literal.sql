{#- A DuckDB MAP literal of a dict whose keys and values are plain text or lists of plain text (no quotes). -#}
{% macro _map_literal(entries) -%}
    map {
    {%- for key, value in entries.items() -%}
        '{{ key }}': {% if value is string %}'{{ value }}'{% else %}['{{ value | join("', '") }}']{% endif %}
        {{- ", " if not loop.last }}
    {%- endfor -%}
    }
{%- endmacro %}
