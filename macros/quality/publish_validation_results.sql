{#- quality.validation_results: every validation result of every gate and build, one view over the gate
    tables that exist. Run by on-run-end, so it is refreshed after every build, also one that a gate stopped
    (a model downstream of the gates would be skipped exactly then). -#}
{% macro publish_validation_results() %}
    {%- if execute -%}
        {%- set gates = [] -%}
        {%- for layer in ['raw', 'staging', 'identity', 'marts'] -%}
            {%- set relation = adapter.get_relation(
                database=target.database, schema=generate_schema_name('quality', none), identifier='gate_' ~ layer
            ) -%}
            {%- if relation is not none -%}{%- do gates.append(relation) -%}{%- endif -%}
        {%- endfor -%}
        {%- if gates -%}
            create or replace view {{ gates[0].database }}.{{ gates[0].schema }}.validation_results as
            {% for gate in gates -%}
                select * from {{ gate }}
                {% if not loop.last %}union all{% endif %}
            {% endfor %}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
