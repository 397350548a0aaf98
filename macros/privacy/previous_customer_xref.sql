{#- The identity cross-reference the previous build published (marts.dim_customer_xref), or, in a warehouse
    built before the marts took the dim_/fct_ names, its old customer_xref; none on a first build. -#}
{% macro previous_customer_xref() %}
    {%- for identifier in ['dim_customer_xref', 'customer_xref'] -%}
        {%- set relation = adapter.get_relation(
            database=target.database, schema=generate_schema_name('marts', none), identifier=identifier
        ) -%}
        {%- if relation is not none -%}{{ return(relation) }}{%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{% endmacro %}
