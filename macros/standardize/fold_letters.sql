{#- Lower case with accents folded, including the Latin letters that are not an accented letter and that
    strip_accents keeps (Danish and Norwegian ø, Polish ł, Icelandic þ and ð, æ, œ, ß, Turkish dotless ı,
    Croatian đ): "Søren Łukasz" and "Soren Lukasz" are one spelling. Letters of other scripts are kept. -#}
{% macro fold_letters(column) -%}
    replace(replace(replace(replace(replace(
        translate(strip_accents(lower({{ column }})), 'øłđðıħŧŋĸ', 'olddihtnk'),
        'æ', 'ae'), 'œ', 'oe'), 'þ', 'th'), 'ß', 'ss'), 'ĳ', 'ij')
{%- endmacro %}
