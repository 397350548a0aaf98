{#- Primary key of a base model's row: the hash of its raw row (the whole source row as JSON) and its copy
    number among rows that are exactly equal, so every raw row, exact copies included, has its own id. Among
    exact copies the one kept (no quarantine reason) is copy 1: which id a rebuild keeps and which it
    quarantines as a later copy does not depend on the order the copies are read in. -#}
{% macro raw_row_id(raw_row_column='raw_row', quarantine_reason_column='quarantine_reason') -%}
    md5(
        cast({{ raw_row_column }} as varchar) || '|'
        || row_number() over (
            partition by cast({{ raw_row_column }} as varchar) order by {{ quarantine_reason_column }} nulls first
        )
    )
{%- endmacro %}
