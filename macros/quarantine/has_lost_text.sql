{#- True when any text of the raw row holds U+FFFD, the Unicode replacement character: a character lost to a
    bad encoding, upstream or when `c360 build` landed bytes that were not UTF-8. Such a row cannot be read
    as it was meant and is quarantined as invalid_text_encoding. -#}
{% macro has_lost_text(raw_row_column='raw_row') -%}
    contains(cast({{ raw_row_column }} as varchar), chr(65533))
{%- endmacro %}
