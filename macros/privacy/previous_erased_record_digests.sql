{#- The digests of the rows earlier builds erased (staging.stg_privacy__erased_record_digests, as the previous
    build left it); none on a first build. Read as a relation, not a ref: stg_privacy__erased_records needs the
    previous build's digests, and this build appends its own after it. -#}
{% macro previous_erased_record_digests() %}
    {%- set relation = adapter.get_relation(
        database=target.database,
        schema=generate_schema_name('staging', none),
        identifier='stg_privacy__erased_record_digests'
    ) -%}
    {{ return(relation) }}
{% endmacro %}
