{#- How a golden-profile name or place is shown: as the source typed it where that says the same as its
    matching key (`normalized_typed`, the typed text put through the key's own normalization, equals `key`),
    so accents and capitals survive ("Valdés", "McCarty"); in capitals by word where it was typed all in
    one case ("JOSÉ" -> "José"); and where the typed text says more or less than the key (a title, a middle
    initial, a name the data swapped back), the key itself in capitals by word. -#}
{% macro display_form(typed, key, normalized_typed) -%}
    {%- set spaced = "regexp_replace(trim(" ~ typed ~ "), '\\s+', ' ', 'g')" -%}
    case
        when {{ key }} is null then null
        when {{ normalized_typed }} is null or {{ normalized_typed }} <> {{ key }} then {{ display_case(key) }}
        when regexp_matches({{ typed }}, '\p{Lu}') and regexp_matches({{ typed }}, '\p{Ll}') then {{ spaced }}
        else {{ display_case('lower(' ~ spaced ~ ')') }}
    end
{%- endmacro %}
