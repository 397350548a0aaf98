{#- The first syntactically valid email address in the text, in lower case, else null. Whatever surrounds it
    is dropped: a display name (`John Smith <john@example.com>`), a `mailto:` prefix, a note
    (`john@example.com (work)`) or a second address (`john@example.com; j.smith@work.com`, as CRM exports
    write several). Invisible characters (zero-width spaces, a byte-order mark) are removed, a no-break space
    is a space, spaces typed around the @ (`ann @example.com`) are dropped, and so are quotes or a full stop
    around the address (`"ann@example.com"`, `ann@example.com.`). -#}
{% macro normalize_email(column, inline=false) -%}
    {%- if not inline %}{{ return(_call_function('normalize_email', [column])) }}{% endif -%}
    nullif(
        regexp_extract(
            trim(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(lower({{ column }}), '[\x{200B}-\x{200D}\x{2060}\x{FEFF}]', '', 'g'),
                        '\x{00A0}', ' ', 'g'
                    ),
                    '\s*@\s*', '@', 'g'
                ),
                ' "''.'
            ),
            '(^|[\s<;,:(\["])([a-z0-9._%+''-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,})\.?($|[\s>;,)\]"])',
            2
        ),
        ''
    )
{%- endmacro %}
