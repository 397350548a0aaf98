{#- True where the raw row holds a value for `raw_field` (once cleaned: not blank) that its typed column could not
    read (`typed_column` is null): an amount "1,234.50" or "NaN", a time in no known layout. try_cast and the
    timestamp macros give null for such a value, which must not pass for a missing one. -#}
{% macro is_unreadable(raw_field, typed_column, raw_row_column='raw_row') -%}
    ({{ clean_text(raw_row_column ~ " ->> '" ~ raw_field ~ "'") }} is not null and {{ typed_column }} is null)
{%- endmacro %}
