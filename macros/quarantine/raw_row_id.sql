{#- Primary key of a base model's row: the hash of its raw row (the whole source row as JSON) and its copy
    number among rows that are exactly equal, so every raw row, exact copies included, has its own id. -#}
{% macro raw_row_id(raw_row_column='raw_row') -%}
    md5(
        cast({{ raw_row_column }} as varchar) || '|'
        || row_number() over (partition by cast({{ raw_row_column }} as varchar))
    )
{%- endmacro %}
