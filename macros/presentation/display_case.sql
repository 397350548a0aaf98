{#- A standardized (lower-case) name or place for display: each word, and each part of a hyphenated word,
    starts with a capital ("mary-jane o'neil" -> "Mary-Jane O'neil"). -#}
{% macro display_case(column) -%}
    array_to_string(
        list_transform(
            string_split({{ column }}, ' '),
            lambda word: array_to_string(
                list_transform(string_split(word, '-'), lambda part: upper(left(part, 1)) || substr(part, 2)),
                '-'
            )
        ),
        ' '
    )
{%- endmacro %}
