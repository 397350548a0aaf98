{#- The titles people type before a name (English, German, French), as one regular-expression alternation:
    full_name_part drops them from a whole name, standardize_person from a first name's matching key. -#}
{% macro _person_titles() -%}
    mr|mrs|ms|miss|mx|dr|prof|rev|sir|dame|herr|frau|mme|mlle
{%- endmacro %}

{#- The credentials and honours typed after a name ("Jolene Tate, MD", "Mcintosh Esq", "Jones OBE"), as one
    regular-expression alternation: full_name_part drops them after a comma, standardize_person after a
    surname. -#}
{% macro _name_credentials() -%}
    md|phd|dds|dvm|esq|cpa|rn|jp|qc|kc|obe|mbe|cbe|kbe|dbe
{%- endmacro %}
