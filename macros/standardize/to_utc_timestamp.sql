{#- UTC timestamp (without time zone) from text in any of `formats`. Text without an offset is
    read as wall-clock time in `source_timezone`; with %z in the format, the offset wins. -#}
{% macro to_utc_timestamp(column, formats, source_timezone="UTC") -%}
    {%- if "%z" in formats | join(" ") -%}
        timezone('UTC', try_strptime(trim({{ column }}), ['{{ formats | join("', '") }}']))
    {%- else -%}
        timezone('UTC', timezone('{{ source_timezone }}', try_strptime(trim({{ column }}), ['{{ formats | join("', '") }}'])))
    {%- endif -%}
{%- endmacro %}
