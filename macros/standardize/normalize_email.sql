{#- A syntactically valid email in lower case, else null. -#}
{% macro normalize_email(column) -%}
    case
        when regexp_full_match(
            lower(trim({{ column }})),
            '[a-z0-9._%+''-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}'
        )
            then lower(trim({{ column }}))
    end
{%- endmacro %}
