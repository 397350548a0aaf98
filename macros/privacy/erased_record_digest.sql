{#- The SHA-256 of a raw row's key (`<source_system>:<source_table>:<source_record_id>`) in the relation or
    CTE `alias`: how the warehouse remembers which rows stay erased. -#}
{% macro erased_record_digest(alias) -%}
    sha256({{ alias }}.source_system || ':' || {{ alias }}.source_table || ':' || {{ alias }}.source_record_id)
{%- endmacro %}
