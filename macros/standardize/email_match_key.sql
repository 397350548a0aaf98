{#- Key of a normalized email for matching: the plus-tag is removed from the local part and, for Gmail
    only (where the provider itself ignores them), dots too; googlemail.com becomes gmail.com. -#}
{% macro email_match_key(normalized_email) -%}
    case
        when split_part(regexp_replace({{ normalized_email }}, '\+[^@]*@', '@'), '@', 2)
            in ('gmail.com', 'googlemail.com')
            then replace(split_part(regexp_replace({{ normalized_email }}, '\+[^@]*@', '@'), '@', 1), '.', '')
            || '@gmail.com'
        else regexp_replace({{ normalized_email }}, '\+[^@]*@', '@')
    end
{%- endmacro %}
