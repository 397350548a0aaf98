{#- True for every row but the one kept among rows sharing a primary key: the first by `order_by`
    (most recently modified first where the source has a modification time; the raw row breaks ties, so
    exact copies resolve deterministically), a copy whose text was lost to a bad encoding never before a
    readable one. Rows with a null key are not copies of each other. -#}
{% macro is_later_copy(key_column, order_by, raw_row_column='raw_row') -%}
    (
        {{ key_column }} is not null
        and row_number() over (
            partition by {{ key_column }} order by {{ has_lost_text(raw_row_column) }}, {{ order_by }}
        ) > 1
    )
{%- endmacro %}
