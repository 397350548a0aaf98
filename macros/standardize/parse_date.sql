{#- A date from text in any of `formats` (strptime patterns, tried in order; the first that reads it wins,
    so two-digit-year patterns go first: `%Y` would read `80` as year 80); a time of day after the date
    (an export's `1985-03-04 00:00:00` or `1985-03-04T00:00:00Z`), a weekday before it and an ordinal's
    suffix ("Monday, March 4th, 1985") are ignored; five digits are a spreadsheet's day number (Excel's
    30151 is 1982-07-19, as a float too). Impossible dates
    (2023-02-30), dates outside [min_year, today] and known placeholder dates (1900-01-01, spreadsheet day
    zero: the identity_placeholder_values seed) are null: see is_invalid_date. -#}
{% macro parse_date(column, formats, min_year=1900) -%}
    {#- a weekday before the date ("Mon, 04 Mar 1985") and an ordinal's suffix ("4th March") are not read -#}
    {%- set bare = "regexp_replace(regexp_replace(trim(" ~ column ~ "), '^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+', '', 'i'), '\\b([0-9]{1,2})(st|nd|rd|th)\\b', '\\1', 'gi')" -%}
    {%- set text = "regexp_replace(" ~ bare ~ ", '[T ][0-9]{1,2}:[0-9]{2}.*$', '')" -%}
    {%- set serial = "case when regexp_full_match(" ~ text ~ ", '[0-9]{5}(\\.0+)?') then date '1899-12-30' + cast(split_part(" ~ text ~ ", '.', 1) as integer) end" -%}
    {%- set read = "coalesce(try_strptime(" ~ text ~ ", ['" ~ formats | join("', '") ~ "'])::date, " ~ serial ~ ")" -%}
    {#- a two-digit year (%y: 00-68 is read as 20xx; the text has no four-digit run) that lands in the
        future is the century before -#}
    {%- set parsed = "(case when " ~ read ~ " > current_date and not regexp_matches(" ~ text ~ ", '[0-9]{4}') then (" ~ read ~ " - interval 100 year)::date else " ~ read ~ " end)" -%}
    case
        when
            {{ parsed }} between make_date({{ min_year }}, 1, 1) and current_date
            and not {{ is_placeholder('birth_date', "strftime(" ~ parsed ~ ", '%Y-%m-%d')") }}
            then {{ parsed }}
    end
{%- endmacro %}
