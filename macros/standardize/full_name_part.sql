{#- The first or last name from a name typed in one field: "SURNAME/GIVEN TITLE" as reservation systems
    write it (_is_slash_name), "Last, First" when it holds a comma, else "First Last..." (the first word is
    the first name, the rest the surname). A title before it ("Mr.", "Dr", "Frau") or after a slash name's
    given names ("MR") and a credential after a comma (", MD", ", PhD") are dropped, a generation after a
    comma (", Jr.") stays with the surname ("marsh jr", which tells a son from his father), and a middle
    initial ("Ivor J. Pennington") is part of neither. -#}
{% macro full_name_part(full_name, part) -%}
    {%- set generations = 'jr|sr|junior|senior|ii|iii|iv' -%}
    {%- set tail = "',\\s*(" ~ generations ~ "|" ~ _name_credentials() ~ ")\\.?\\s*$'" -%}
    {%- set bare -%}
        regexp_replace(
            regexp_replace(trim({{ full_name }}), {{ tail }}, '', 'i'),
            '^({{ _person_titles() }})\.?\s+', '', 'i'
        )
    {%- endset -%}
    {%- if part == 'first' -%}
        {%- set first -%}
            case
                when {{ _is_slash_name('bare_name') }}
                    then regexp_replace(split_part(bare_name, '/', 2), '\s+({{ _trailing_titles() }})\.?\s*$', '', 'i')
                when contains(bare_name, ',') then regexp_extract(bare_name, ',(.*)$', 1)
                else split_part(bare_name, ' ', 1)
            end
        {%- endset -%}
        {{ _let(bare, 'bare_name', first) }}
    {%- else -%}
        {%- set generation_tail = "',\\s*(" ~ generations ~ ")\\.?\\s*$'" -%}
        {%- set generation = "nullif(lower(regexp_extract(trim(" ~ full_name ~ "), " ~ generation_tail ~ ", 1, 'i')), '')" -%}
        {%- set last -%}
            case
                when {{ _is_slash_name('bare_name') }} then split_part(bare_name, '/', 1)
                when contains(bare_name, ',') then split_part(bare_name, ',', 1)
                else regexp_replace(regexp_extract(bare_name, '^[^ ]+ (.+)$', 1), '^([A-Za-z]\.?\s+)+', '')
            end
        {%- endset -%}
        nullif(concat_ws(' ', {{ _let(bare, 'bare_name', last) }}, {{ generation }}), '')
    {%- endif %}
{%- endmacro %}
