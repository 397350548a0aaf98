{#- Matching form of a person name: lower case, accents and Latin letters folded (fold_letters),
    apostrophes dropped, any other run of non-letters turned into one space. Cyrillic is written in Latin
    letters ("Иван" is "ivan"); letters of other scripts are kept ("张" stays: a name in Chinese is still a
    name). Display forms use clean_text instead. -#}
{% macro normalize_name(column, inline=false) -%}
    {%- if not inline %}{{ return(_call_function('normalize_name', [column])) }}{% endif -%}
    {%- set name_key -%}
        nullif(
            trim(
                regexp_replace(
                    regexp_replace(name_text, '[''’`]', '', 'g'),
                    '[^\p{L}]+', ' ', 'g'
                )
            ),
            ''
        )
    {%- endset -%}
    {#- the folded text is bound once (_let), which keeps the expression shallow enough for sqlfluff -#}
    {{ _let(fold_letters(clean_text(column)), 'name_text', name_key) }}
{%- endmacro %}
