{#- State or province as its postal code: US states (and DC) and Canadian provinces written out
    ("California", "new york", "Québec") become their two-letter codes; anything else is kept upper case
    as typed (a code already, or a region of another country). -#}
{% macro normalize_state(column, inline=false) -%}
    {%- if not inline %}{{ return(_call_function('normalize_state', [column])) }}{% endif -%}
    {%- set codes = {
        "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
        "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
        "washington dc": "DC", "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID",
        "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY",
        "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI",
        "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE",
        "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
        "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR",
        "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC", "south dakota": "SD",
        "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA",
        "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
        "puerto rico": "PR", "alberta": "AB", "british columbia": "BC", "manitoba": "MB",
        "new brunswick": "NB", "newfoundland and labrador": "NL", "newfoundland": "NL",
        "nova scotia": "NS", "ontario": "ON", "prince edward island": "PE", "quebec": "QC",
        "saskatchewan": "SK", "northwest territories": "NT", "nunavut": "NU", "yukon": "YT",
    } -%}
    {%- set folded = "trim(regexp_replace(strip_accents(lower(" ~ clean_text(column) ~ ")), '[^a-z]+', ' ', 'g'))" -%}
    coalesce(
        map {
            {%- for name, code in codes.items() %}
            '{{ name }}': '{{ code }}'{% if not loop.last %},{% endif %}
            {%- endfor %}
        }[{{ folded }}],
        upper({{ clean_text(column) }})
    )
{%- endmacro %}
