{#- Evaluates `expression` once and binds it to `name` inside `body` (a lambda over a one-element
    list), so a macro can reuse an intermediate value without repeating its SQL. -#}
{% macro _let(expression, name, body) -%}
    list_transform([{{ expression }}], lambda {{ name }}: {{ body }})[1]
{%- endmacro %}
