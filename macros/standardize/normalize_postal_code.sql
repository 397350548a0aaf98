{#- Postal code for matching: US zips as their first five digits, left-padded where a numeric
    export dropped leading zeros (ZIP+4 suffixes dropped); other countries upper case without spaces. -#}
{% macro normalize_postal_code(column, country_column) -%}
    case
        when coalesce({{ country_column }}, 'US') = 'US'
            then case
                when regexp_full_match(trim({{ column }}), '[0-9]{3,5}(-?[0-9]{4})?')
                    then lpad(split_part(replace(trim({{ column }}), '-', ' '), ' ', 1)[1:5], 5, '0')
            end
        else nullif(upper(regexp_replace({{ column }}, '[^A-Za-z0-9]', '', 'g')), '')
    end
{%- endmacro %}
