{#- True where a raw name field holds an email or a username ("itssergio38", "jdoe123") rather than a
    name: no name to match on. A digit inside a name is a typo ("arth8r") and leaves it a name. -#}
{% macro _is_not_a_name(column) -%}
    coalesce(regexp_matches({{ column }}, '@|[[:alpha:]][0-9]{2,}\s*$'), false)
{%- endmacro %}
