{#- Shapes of a name field that name someone other than the record's one person, as supporter, member and
    customer databases write them. -#}

{#- The field without what is typed in parentheses beside a name: a nickname ("William (Bill)"), an
    employer ("Ricky Smith (Bailey PLC)"), a tribute ("Clark (IMO Stephen Clark)"). A field that holds
    nothing else keeps it ("(physician)" is all some sources know of a surname). -#}
{% macro _without_aside(column) -%}
    coalesce(nullif(trim(regexp_replace({{ column }}, '\([^)]*\)', ' ', 'g')), ''), {{ column }})
{%- endmacro %}

{#- True where the name fields honour someone ("In memory of Harold Giles", "In honour of", "IMO Harold
    Giles"): the name is the honoree's, not the person's who gave. The abbreviations count in capitals only:
    Imo is a given name. -#}
{% macro _is_tribute(first_name, last_name) -%}
    {%- set name = "concat_ws(' ', " ~ first_name ~ ", " ~ last_name ~ ")" -%}
    coalesce(
        regexp_matches({{ name }}, '^\s*in\s+(loving\s+)?(memory|memoriam|hono(u)?r)\b', 'i')
        or regexp_matches({{ name }}, '^\s*(IMO|IHO)\s'),
        false
    )
{%- endmacro %}

{#- True where the name fields name a couple or a family rather than one person: "Mr & Mrs Smith", "Mr&Mrs",
    "John and Mary", "Ann + Bob", "The Smith Family", "The Smiths", the last two also typed in the first-name
    field ("The" alone as a first name may be an epithet: "The Nightingale"; an ampersand inside a word is
    none: "O&#39;Brien"). Such a record is a household's: its surname stays, no first name is anyone's. -#}
{% macro _is_household_name(first_name, last_name) -%}
    {%- set family = "\\sfamil(y|ie|le|ia)\\s*$" -%}
    coalesce(
        regexp_matches(
            concat_ws(' ', {{ first_name }}, {{ last_name }}), '\s[&+]\s|^\s*mrs?\.?\s*&|\s(and|und)\s', 'i'
        )
        or regexp_matches({{ last_name }}, '^\s*the\s|{{ family }}', 'i')
        or regexp_matches({{ first_name }}, '^\s*the\s+\S|{{ family }}', 'i'),
        false
    )
{%- endmacro %}

{#- The surname in a last-name field: without an aside in parentheses, a family's "The ... Family" and
    honours or degrees typed after it without a comma ("Mcintosh Esq", "Jones OBE"; a generation, "Jr",
    stays: it tells a son from his father). -#}
{% macro _surname_text(last_name) -%}
    regexp_replace(
        regexp_replace({{ _without_aside(last_name) }}, '^\s*the\s+|\s+famil(y|ie|le|ia)\s*$', '', 'gi'),
        '(\s+({{ _name_credentials() }})\.?)+\s*$', '', 'i'
    )
{%- endmacro %}

{#- True where the first-name field writes a wife by her husband's name ("Mrs Travis", in "Mrs Travis
    Thomas"; "TRAVIS MRS" as a reservation system writes it): a man's name (the identity_male_first_names
    seed) with "Mrs". -#}
{% macro _is_husbands_name(first_name) -%}
    coalesce(
        regexp_extract(
            regexp_replace({{ normalize_name(first_name) }}, '^([a-z]+) mrs$', 'mrs \1'), '^mrs ([a-z]+)', 1
        ) in (
            select male.first_name from {{ ref('identity_male_first_names') }} as male
        ),
        false
    )
{%- endmacro %}

{#- True where a name typed in one field is written SURNAME/GIVEN NAMES, as airline and hotel reservation
    systems write it ("SMITH/JOHN MR", "VAN DYKE/ANNA"): one slash between a surname of two letters or more
    and the given names, and a title after them or the whole in capitals. "N/A" is no such name, nor a slash
    with spaces around it, nor one between two given names in mixed case ("John/Mary Smith"). -#}
{% macro _is_slash_name(full_name) -%}
    coalesce(
        regexp_matches({{ full_name }}, '^\s*[^/,\s][^/,]*[^/,\s]/[^/,\s][^/,]*$')
        and (
            regexp_matches({{ full_name }}, '\s({{ _trailing_titles() }})\.?\s*$', 'i')
            or {{ full_name }} = upper({{ full_name }})
        ),
        false
    )
{%- endmacro %}

{#- True where the first-name field holds a hospital's name for a newborn not yet named, in the forms the
    identity_placeholder_values seed cannot list: "BABY GIRL A" and "TWIN B" (twins and triplets by
    letter), "BABY GIR" (cut by a short field), and "BG" / "BB" (baby girl, baby boy). Each is no name: twins
    carry the same one. -#}
{% macro _is_newborn_name(first_name) -%}
    coalesce(
        regexp_matches(
            {{ normalize_name(first_name) }}, '^((baby|twin|triplet|infant|newborn)( .*)?|(bb|bg|babyboy|babygirl)( [a-z])?)$'
        ),
        false
    )
{%- endmacro %}
