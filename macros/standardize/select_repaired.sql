{#- The select list of an import CTE over `relation`: its columns, the text `columns` among them read as typed
    where they were UTF-8 read as Windows-1252 on their way here (repair_mojibake). -#}
{% macro select_repaired(relation, columns) -%}
    {{ relation }}.* exclude ({{ columns | join(', ') }}),
    {%- for column in columns %}
    {{ repair_mojibake(relation ~ '.' ~ column) }} as {{ column }}{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}
