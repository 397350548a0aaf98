{#- A date from text in any of `formats` (strptime patterns, tried in order; the first that reads it wins,
    so two-digit-year patterns go first: `%Y` would read `80` as year 80); a time of day after the date
    (an export's `1985-03-04 00:00:00` or `1985-03-04T00:00:00Z`), a weekday before it and an ordinal's
    suffix ("Monday, March 4th, 1985") are ignored; five digits are a spreadsheet's day number (Excel's
    30151 is 1982-07-19, as a float too). Text that none of the formats reads is tried once more with its
    month's name in German, French, Spanish, Italian, Dutch or Portuguese written as the English
    abbreviation, so that a format with `%b` reads it: "12. März 1985", "Dienstag, 12. März 1985",
    "1er janvier 1990", "4 de marzo de 1985" and "04-März-1985" are read as "12 mar 1985" and so on.
    Impossible dates (2023-02-30), dates outside [min_year, today] and known placeholder dates (1900-01-01,
    spreadsheet day zero: the identity_placeholder_values seed) are null: see is_invalid_date. -#}
{% macro parse_date(column, formats, min_year=1900) -%}
    {%- set in_range = read_date(column, "['" ~ formats | join("', '") ~ "']", min_year) -%}
    case
        when not {{ is_placeholder('birth_date', "strftime(" ~ in_range ~ ", '%Y-%m-%d')") }}
            then {{ in_range }}
    end
{%- endmacro %}
