{#- A syntactically valid email in lower case, else null. An address written with a display name
    (`John Smith <john@example.com>`) or as a `mailto:` link is unwrapped first. -#}
{% macro normalize_email(column) -%}
    {%- set unwrapped = "regexp_replace(regexp_replace(lower(trim(" ~ column ~ ")), '^[^<>]*<([^<>]*)>$', '\\1'), '^mailto:', '')" -%}
    case
        when regexp_full_match(
            {{ unwrapped }},
            '[a-z0-9._%+''-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}'
        )
            then {{ unwrapped }}
    end
{%- endmacro %}
