{#- Matching form of a person name: lower case, accents folded, apostrophes dropped, any other
    non-letter run turned into one space. Display forms use clean_text instead. -#}
{% macro normalize_name(column) -%}
    nullif(
        trim(
            regexp_replace(
                regexp_replace(
                    replace(strip_accents(lower({{ clean_text(column) }})), 'ß', 'ss'),
                    '[''’`]', '', 'g'
                ),
                '[^a-z]+', ' ', 'g'
            )
        ),
        ''
    )
{%- endmacro %}
