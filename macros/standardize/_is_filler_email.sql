{#- True where an email match key (email_match_key) is typed to fill a required field rather than anyone's
    address, by its shape, whatever its domain: its mailbox is its domain's name ("correo@correo.com",
    "xx@xx.com"), one character repeated ("x@", "aaa@"), or, its digits and punctuation dropped, words for
    "no email" or "test" in English, Spanish, Portuguese, German, French or Italian ("noemail2@",
    "sin.correo@", "notiene@", "keine@"). The seed lists placeholders that have no such shape. -#}
{% macro _is_filler_email(email_key, inline=false) -%}
    {%- if not inline %}{{ return(_call_function('is_filler_email', [email_key])) }}{% endif -%}
    {%- set words = [
        "no", "na", "nil", "null", "none", "noone", "nobody", "nothing", "noemail", "nomail", "noemailaddress",
        "noaddress", "noreply", "donotreply", "donotemail", "dontemail", "unknown", "declined", "refused",
        "notprovided", "notgiven", "notavailable", "test", "fake", "dummy", "invalid",
        "sin", "sincorreo", "sinemail", "sinmail", "nocorreo", "notiene", "notengo", "ninguno", "ninguna", "nada",
        "sememail", "semmail", "semcorreio", "naotem", "nenhum",
        "keine", "keinemail", "keinmail", "keineemail", "ohne", "ohnemail",
        "aucun", "aucune", "pasdemail", "sansemail", "sansmail",
        "nessuna", "nessuno",
    ] -%}
    {%- set shaped -%}
        (
            mailbox = split_part(split_part({{ email_key }}, '@', 2), '.', 1)
            or ltrim(mailbox, substr(mailbox, 1, 1)) = ''
            or regexp_replace(mailbox, '[^a-z]', '', 'g') in ('{{ words | join("', '") }}')
        )
    {%- endset -%}
    coalesce({{ _let("split_part(" ~ email_key ~ ", '@', 1)", 'mailbox', shaped) }}, false)
{%- endmacro %}
