{#- on-run-end: the erasure scope (ids of the erased rows) is needed only while a build runs; it is emptied
    when the build ends, so no id of an erased person is left in the warehouse. -#}
{% macro purge_erasure_scope() %}
    {%- if execute -%}
        {%- set scope = adapter.get_relation(
            database=target.database,
            schema=generate_schema_name('staging', none),
            identifier='stg_privacy__erased_records'
        ) -%}
        {%- if scope is not none -%}
            delete from {{ scope }}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
