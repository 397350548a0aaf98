{#- Key of a normalized email for matching: the plus-tag is removed from the local part; a domain one typo
    away from exactly one large provider's is read as that provider's (_email_providers: "gmial.com",
    "gmail.co", "yaho.com"); for Gmail (where the provider itself ignores them) dots are removed too, and
    googlemail.com becomes gmail.com. -#}
{% macro email_match_key(normalized_email, inline=false) -%}
    {%- if not inline %}{{ return(_call_function('email_match_key', [normalized_email])) }}{% endif -%}
    {%- set providers = _email_providers() -%}
    {#- the providers one typo can reach, by the length of the typed domain (one letter more, less or other) -#}
    {%- set targets_by_length = {} -%}
    {%- for provider in providers if provider | length >= 8 -%}
        {%- for length in [provider | length - 1, provider | length, provider | length + 1] -%}
            {%- do targets_by_length.update({length | string: targets_by_length.get(length | string, []) + [provider]}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set near_providers -%}
        list_filter(
            string_split({{ _map_literal(targets_by_length) }}[cast(length(email_domain) as varchar)], '/'),
            lambda provider: damerau_levenshtein(email_domain, provider) = 1
        )
    {%- endset -%}
    {%- set corrected -%}
        case
            when email_domain in ('{{ providers | join("', '") }}') then email_domain
            else coalesce(
                {{ _let(near_providers, 'near_providers', "case when len(near_providers) = 1 then near_providers[1] end") }},
                email_domain
            )
        end
    {%- endset -%}
    {%- set key -%}
        case
            when mail_domain in ('gmail.com', 'googlemail.com')
                then replace(split_part(untagged_email, '@', 1), '.', '') || '@gmail.com'
            else split_part(untagged_email, '@', 1) || '@' || mail_domain
        end
    {%- endset -%}
    {{ _let(
        "regexp_replace(" ~ normalized_email ~ ", '\\+[^@]*@', '@')",
        'untagged_email',
        _let(_let("split_part(untagged_email, '@', 2)", 'email_domain', corrected), 'mail_domain', key)
    ) }}
{%- endmacro %}
