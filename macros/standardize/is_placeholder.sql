{#- True where an already standardized value is a known placeholder for `attribute` (email, phone,
    phone_digits, name, address, birth_date as YYYY-MM-DD; or a list of them), as listed in the
    identity_placeholder_values seed. -#}
{% macro is_placeholder(attribute, column) -%}
    {%- set attributes = [attribute] if attribute is string else attribute -%}
    coalesce(
        {{ column }} in (
            select placeholder.value
            from {{ ref('identity_placeholder_values') }} as placeholder
            where placeholder.attribute in ('{{ attributes | join("', '") }}')
        ),
        false
    )
{%- endmacro %}
