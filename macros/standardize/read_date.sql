{#- The date parse_date reads from text in any of `formats` (an SQL list of strptime patterns), or null where
    it reads none or the date is outside [min_year, today]; placeholder dates are parse_date's to drop. -#}
{% macro read_date(column, formats, min_year, inline=false) -%}
    {%- if not inline %}{{ return(_call_function('read_date', [column, formats, min_year])) }}{% endif -%}
    {%- set month_names = {
        "jan": ["januar", "janner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari", "janeiro"],
        "feb": ["februar", "febr", "fevrier", "fevr", "fev", "febrero", "febbraio", "februari", "fevereiro"],
        "mar": ["marz", "maerz", "mrz", "mars", "marzo", "maart", "mrt", "marco"],
        "apr": ["avril", "avr", "abril", "abr", "aprile"],
        "may": ["mai", "mayo", "maggio", "mag", "mei", "maio"],
        "jun": ["juni", "juin", "junio", "giugno", "giu", "junho"],
        "jul": ["juli", "juillet", "juil", "julio", "luglio", "lug", "julho"],
        "aug": ["august", "aout", "agosto", "ago", "augustus"],
        "sep": ["sept", "sett", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro"],
        "oct": ["oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"],
        "nov": ["novembre", "noviembre", "novembro"],
        "dec": ["dezember", "dez", "decembre", "diciembre", "dic", "dicembre", "dezembro"],
    } -%}
    {#- a weekday before the date ("Mon, 04 Mar 1985") and an ordinal's suffix ("4th March") are not read -#}
    {%- set bare = "regexp_replace(regexp_replace(trim(" ~ column ~ "), '^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+', '', 'i'), '\\b([0-9]{1,2})(st|nd|rd|th)\\b', '\\1', 'gi')" -%}
    {%- set text = "regexp_replace(" ~ bare ~ ", '[T ][0-9]{1,2}:[0-9]{2}.*$', '')" -%}
    {%- set serial = "case when regexp_full_match(" ~ text ~ ", '[0-9]{5}(\\.0+)?') then date '1899-12-30' + cast(split_part(" ~ text ~ ", '.', 1) as integer) end" -%}
    {%- set weekdays = [
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
        "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "segunda", "terca", "quarta", "quinta", "sexta",
    ] -%}
    {#- the words of the text, accents folded, without a weekday before it, "de", an ordinal's sign (French
        "1er", Spanish "1º", Portuguese "1.º"), the dot of a German "12." or of an abbreviation, commas and
        the dashes or slashes between the parts ("04-März-1985"); a month's name in another language as its
        English abbreviation -#}
    {%- set folded = "regexp_replace(regexp_replace(strip_accents(lower(" ~ text ~ ")), '[º°]', ' ', 'g'), '\\b([0-9]{1,2})er\\b', '\\1', 'g')" -%}
    {%- set unweekdayed = "regexp_replace(" ~ folded ~ ", '^(" ~ weekdays | join('|') ~ ")(-feira)?\\b', '')" -%}
    {%- set words = "regexp_split_to_array(trim(regexp_replace(" ~ unweekdayed ~ ", '[.,/-]|\\b(de|del|do)\\b', ' ', 'g')), '\\s+')" -%}
    {%- set english_months -%}
        array_to_string(
            list_transform(
                {{ words }},
                lambda date_word: coalesce(
                    map {
                        {%- for english, names in month_names.items() %}
                        {%- set outer_loop = loop %}
                        {%- for name in names %}
                        '{{ name }}': '{{ english }}'{% if not (outer_loop.last and loop.last) %},{% endif %}
                        {%- endfor %}
                        {%- endfor %}
                    }[date_word],
                    date_word
                )
            ),
            ' '
        )
    {%- endset -%}
    {%- set read -%}
        coalesce(
            try_strptime({{ text }}, {{ formats }})::date,
            {{ serial }},
            case
                when regexp_matches({{ text }}, '\p{L}{3}')
                    then try_strptime({{ english_months }}, {{ formats }})::date
            end
        )
    {%- endset -%}
    {#- a two-digit year (%y: 00-68 is read as 20xx; the text has no four-digit run) that lands in the
        future is the century before. The date read is bound once (_let): its SQL is long. A placeholder's
        lookup is a subquery, which a lambda cannot hold, so it is outside. -#}
    {%- set parsed = "(case when read_date > current_date and not regexp_matches(" ~ text ~ ", '[0-9]{4}') then (read_date - interval 100 year)::date else read_date end)" -%}
    {{ _let(read, 'read_date', "case when " ~ parsed ~ " between make_date(" ~ min_year ~ ", 1, 1) and current_date then " ~ parsed ~ " end") }}
{%- endmacro %}
