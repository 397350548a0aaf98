{#- Column lookup that also knows dbt-duckdb external sources (Parquet read in place). dbt's unit tests
    look up the columns of every mocked input by database/schema/name; an external source has no
    relation of that name, so the lookup describes the source's external_location instead. Everything
    else is described exactly as dbt-duckdb does. -#}
{% macro duckdb__get_columns_in_relation(relation) -%}
    {%- set location = _external_source_location(relation) -%}
    {% call statement('get_columns_in_relation', fetch_result=True) %}
        select
            column_name,
            column_type as data_type,
            cast(null as bigint) as character_maximum_length,
            cast(null as bigint) as numeric_precision,
            cast(null as bigint) as numeric_scale
        from (describe {% if location %}select * from {{ location }}{% else %}{{ relation.render() }}{% endif %})
    {% endcall %}
    {{ return(sql_convert_columns_in_relation(load_result('get_columns_in_relation').table)) }}
{%- endmacro %}

{% macro _external_source_location(relation) -%}
    {%- set found = namespace(location=none) -%}
    {%- for node in graph.sources.values() -%}
        {%- set location = node.meta.get('external_location') or node.source_meta.get('external_location') -%}
        {%- if location and node.source_name == relation.schema and node.identifier == relation.identifier -%}
            {%- set found.location = location | replace('{name}', node.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found.location) }}
{%- endmacro %}
