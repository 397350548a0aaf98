{#- The first or last name from a name typed in one field: "Last, First" when it holds a comma, else
    "First Last..." (the first word is the first name, the rest the surname). -#}
{% macro full_name_part(full_name, part) -%}
    {%- if part == 'first' -%}
        case
            when contains({{ full_name }}, ',') then regexp_extract({{ full_name }}, ',(.*)$', 1)
            else split_part({{ full_name }}, ' ', 1)
        end
    {%- else -%}
        case
            when contains({{ full_name }}, ',') then split_part({{ full_name }}, ',', 1)
            else regexp_extract({{ full_name }}, '^[^ ]+ (.+)$', 1)
        end
    {%- endif %}
{%- endmacro %}
