{#- The titles people type before a name (English, German, French, and India's Shri, Smt, Kumari, Tamil
    Thiru, Tmt), as one regular-expression alternation: full_name_part drops them from a whole name,
    standardize_person from a first name's matching key. Not "Sri": a given name too (Sri Mulyani). -#}
{% macro _person_titles() -%}
    mr|mrs|ms|miss|mx|dr|prof|rev|sir|dame|herr|frau|mme|mlle|shri|shree|smt|shrimati|srimati|sushri|kumari|thiru|thirumathi|tmt
{%- endmacro %}

{#- The titles reservation and airline systems write after the given names ("SMITH/JOHN MR", "JOHN MR";
    "mstr" is a boy's; an airline's passenger types "chd" and "inf", a child and an infant: "HOI WAH CHD"),
    as one regular-expression alternation: full_name_part drops them from a
    SURNAME/GIVEN name, standardize_person from a first name's matching key. -#}
{% macro _trailing_titles() -%}
    mr|mrs|ms|miss|mstr|dr|prof|rev|chd|inf
{%- endmacro %}

{#- The credentials and honours typed after a name ("Jolene Tate, MD", "Mcintosh Esq", "Jones OBE"), as one
    regular-expression alternation: full_name_part drops them after a comma, standardize_person after a
    surname. -#}
{% macro _name_credentials() -%}
    md|phd|dds|dvm|esq|cpa|rn|jp|qc|kc|obe|mbe|cbe|kbe|dbe
{%- endmacro %}
