{#- The marts renamed to the dim_/fct_ convention leave their tables under the old names in a warehouse
    built before; they are dropped after the build (on-run-end), so no stale copy stays behind, least of
    all one with personal data that an erasure request would no longer reach. -#}
{% macro drop_retired_marts() %}
    {%- if execute -%}
        {%- for identifier in [
            'customer_xref', 'customer_engagement', 'customer_segments', 'activation_audience', 'privacy_erasure_audit'
        ] -%}
            {%- set relation = adapter.get_relation(
                database=target.database, schema=generate_schema_name('marts', none), identifier=identifier
            ) -%}
            {%- if relation is not none -%}{%- do adapter.drop_relation(relation) -%}{%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
