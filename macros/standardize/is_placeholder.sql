{#- True where an already standardized value is a known placeholder for `attribute` (email, phone,
    phone_digits, name, address, birth_date as YYYY-MM-DD; or a list of them), as listed in the
    identity_placeholder_values seed. An email is one also when its domain is listed as an email_domain: a
    booking site's relay address, made for one reservation, is no one's own. -#}
{% macro is_placeholder(attribute, column) -%}
    {%- set attributes = [attribute] if attribute is string else attribute -%}
    coalesce(
        {{ column }} in (
            select placeholder.value
            from {{ ref('identity_placeholder_values') }} as placeholder
            where placeholder.attribute in ('{{ attributes | join("', '") }}')
        )
        {%- if 'email' in attributes %}
        or split_part({{ column }}, '@', 2) in (
            select relay.value
            from {{ ref('identity_placeholder_values') }} as relay
            where relay.attribute = 'email_domain'
        )
        {%- endif %},
        false
    )
{%- endmacro %}
