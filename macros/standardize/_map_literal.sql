{#- A DuckDB MAP of a dict whose keys are plain text and whose values are plain text or lists of plain text
    (a list's items joined by "/": split it where it is read), built from two string literals:
    map(string_split(keys), string_split(values)), split on `separator` (a character no key or value holds).
    A MAP {...} literal of hundreds of entries is DuckDB's alone, and sqlfluff cannot parse it; two strings
    are two tokens, folded once per query. -#}
{% macro _map_literal(entries, separator="|") -%}
    {%- set values = [] -%}
    {%- for value in entries.values() -%}
        {%- do values.append(value if value is string else value | join("/")) -%}
    {%- endfor -%}
    map(string_split('{{ entries.keys() | join(separator) }}', '{{ separator }}'), string_split('{{ values | join(separator) }}', '{{ separator }}'))
{%- endmacro %}
