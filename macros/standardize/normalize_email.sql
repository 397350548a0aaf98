{#- The first syntactically valid email address in the text, in lower case, else null. Whatever surrounds it
    is dropped: a display name (`John Smith <john@example.com>`), a `mailto:` prefix, a note
    (`john@example.com (work)`) or a second address (`john@example.com; j.smith@work.com`, as CRM exports
    write several). -#}
{% macro normalize_email(column) -%}
    nullif(
        regexp_extract(
            lower(trim({{ column }})),
            '(^|[\s<;,:(\[])([a-z0-9._%+''-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,})($|[\s>;,)\]])',
            2
        ),
        ''
    )
{%- endmacro %}
