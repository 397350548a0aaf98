{#- True where an already standardized value is a known placeholder for `attribute`
    (email, phone, phone_digits, name, birth_date as YYYY-MM-DD), as listed in the identity_placeholder_values seed. -#}
{% macro is_placeholder(attribute, column) -%}
    coalesce(
        {{ column }} in (
            select placeholder.value
            from {{ ref('identity_placeholder_values') }} as placeholder
            where placeholder.attribute = '{{ attribute }}'
        ),
        false
    )
{%- endmacro %}
