{#- Matching form of a street line: lower case, accents folded, punctuation dropped and the
    standard USPS abbreviations applied to suffixes, directionals and unit designators. -#}
{% macro normalize_street(column) -%}
    {%- set rules = [
        ("street|str|strasse", "st"), ("avenue|av", "ave"), ("road", "rd"), ("drive", "dr"),
        ("lane", "ln"), ("boulevard", "blvd"), ("court", "ct"), ("place", "pl"),
        ("terrace|terr", "ter"), ("circle", "cir"), ("parkway|pky", "pkwy"), ("highway", "hwy"),
        ("north", "n"), ("south", "s"), ("east", "e"), ("west", "w"),
        ("apartment", "apt"), ("suite", "ste"), ("number|no", "#"),
    ] -%}
    {#- German compounds (Hauptstraße, Hauptstr.) end in the suffix: split it off first. -#}
    {%- set ns = namespace(expr="regexp_replace(regexp_replace(replace(strip_accents(lower(" ~ clean_text(column) ~ ")), 'ß', 'ss'), '[.,;]', ' ', 'g'), '([a-z])(strasse|str)\\b', '\\1 st', 'g')") -%}
    {%- for pattern, abbreviation in rules -%}
        {%- set ns.expr = "regexp_replace(" ~ ns.expr ~ ", '\\b(" ~ pattern ~ ")\\b', '" ~ abbreviation ~ "', 'g')" -%}
    {%- endfor -%}
    nullif(trim(regexp_replace(replace({{ ns.expr }}, '#', ' # '), '\s+', ' ', 'g')), '')
{%- endmacro %}
