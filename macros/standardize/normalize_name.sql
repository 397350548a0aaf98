{#- Matching form of a person name: lower case, accents and Latin letters folded (fold_letters),
    apostrophes dropped, any other run of non-letters turned into one space. Letters of other scripts are
    kept ("Иван" stays "иван": a name in Cyrillic is still a name). Display forms use clean_text instead. -#}
{% macro normalize_name(column) -%}
    nullif(
        trim(
            regexp_replace(
                regexp_replace(
                    {{ fold_letters(clean_text(column)) }},
                    '[''’`]', '', 'g'
                ),
                '[^\p{L}]+', ' ', 'g'
            )
        ),
        ''
    )
{%- endmacro %}
