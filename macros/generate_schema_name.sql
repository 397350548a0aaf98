{#- Schemas are named by layer (staging, identity, marts, ...) rather than prefixed with the target schema:
    the warehouse is one DuckDB file per environment, so the prefix would only add noise for analysts. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
