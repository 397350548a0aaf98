{#- Matching form of a street line: lower case, accents folded (fold_letters), punctuation dropped and the
    standard USPS abbreviations applied word by word to suffixes and directionals. Every unit designator
    (apartment, apt, unit, suite, ste, flat, number, no) becomes the number sign, since one person's systems
    write "Apt 4", "Unit 4" and "#4" for one door, and a unit written before the street ("Flat 3, 10 Downing
    St", British style) goes after it. "P.O. Box" and "Post Office Box" are written "po box". German
    compounds (Hauptstraße, Hauptstr.) end in the suffix, so it is split off first. -#}
{% macro normalize_street(column, inline=false) -%}
    {%- if not inline %}{{ return(_call_function('normalize_street', [column])) }}{% endif -%}
    {%- set abbreviations = {
        "street": "st", "str": "st", "strasse": "st", "avenue": "ave", "av": "ave", "road": "rd",
        "drive": "dr", "lane": "ln", "boulevard": "blvd", "court": "ct", "place": "pl", "terrace": "ter",
        "terr": "ter", "circle": "cir", "parkway": "pkwy", "pky": "pkwy", "highway": "hwy", "north": "n",
        "south": "s", "east": "e", "west": "w", "apartment": "#", "apt": "#", "unit": "#", "suite": "#", "ste": "#", "flat": "#", "number": "#", "no": "#",
    } -%}
    {%- set spaced -%}
        trim(regexp_replace(regexp_replace(regexp_replace(
            street_text,
            '[.,;]', ' ', 'g'), '([a-z])(strasse|str)\b', '\1 st', 'g'), '\s*#\s*', ' # ', 'g'))
    {%- endset -%}
    {#- P.O. Box and Post Office Box are one word; a unit written first ("Flat 3, 10 Downing St") goes last -#}
    {%- set words -%}
        string_split(
            regexp_replace(
                regexp_replace({{ spaced }}, '\b(p\s*o|post\s+office)\s+box\b', 'po box', 'g'),
                '^(flat|apartment|apt|unit|suite|ste|#)\s+([a-z0-9]+)\s+(.+)$', '\3 # \2'
            ),
            ' '
        )
    {%- endset -%}
    {%- set street_key -%}
        nullif(
            array_to_string(
                list_filter(
                    list_transform(
                        {{ words }},
                        lambda word: coalesce(
                            map {
                                {%- for word, abbreviation in abbreviations.items() %}
                                '{{ word }}': '{{ abbreviation }}'{% if not loop.last %},{% endif %}
                                {%- endfor %}
                            }[word],
                            word
                        )
                    ),
                    lambda word: word <> ''
                ),
                ' '
            ),
            ''
        )
    {%- endset -%}
    {#- the folded text is bound once (_let): written inside the rest, it nested the expression too deep for
        sqlfluff's parser -#}
    {{ _let(fold_letters(clean_text(column)), 'street_text', street_key) }}
{%- endmacro %}
