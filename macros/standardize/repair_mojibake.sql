{#- Text that was UTF-8 but was decoded as Windows-1252 or Latin-1 on its way here ("JosÃ©" for "José",
    "MÃ¼ller" for "Müller", "â€™" for "’"), as it was typed. Only text with such a sequence (a UTF-8 lead
    byte's character followed by a continuation byte's) is looked at, and each space-separated word of it on
    its own: a word is repaired when every character of it is one Windows-1252 or Latin-1 byte and those
    bytes are valid UTF-8. Other words are kept as they are: genuine "SÃO" or "Ça" are not valid UTF-8 as
    bytes, a word with a letter beyond Latin-1 ("Łódź") has no single byte for it, a repair that gives no
    letter of the Latin alphabets in use ("VÍŠEK" would be "V͊EK") is none, and "Ã" whose no-break space
    became a space ("Ã  la" for "à la") is not repaired, but the words around it are. -#}
{% macro repair_mojibake(column, inline=false) -%}
    {%- if not inline %}{{ return(_call_function('repair_mojibake', [column])) }}{% endif -%}
    {#- the characters Windows-1252 gives the bytes 0x80-0x9F, and those bytes (Latin-1 gives them the C1
        controls, which are below 256 like every other Latin-1 character) -#}
    {%- set windows_1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ" -%}
    {%- set windows_1252_hex = "8082838485868788898A8B8C8E9192939495969798999A9B9C9E9F" -%}
    {%- set byte_hex -%}
        if(
            unicode(mojibake_char) < 256,
            printf('%02X', unicode(mojibake_char)),
            substr('{{ windows_1252_hex }}', 2 * instr('{{ windows_1252 }}', mojibake_char) - 1, 2)
        )
    {%- endset -%}
    {%- set bytes_hex -%}
        array_to_string(list_transform(string_split(mojibake_word, ''), lambda mojibake_char: {{ byte_hex }}), '')
    {%- endset -%}
    {#- a character without a byte leaves the hex short: then the text is not mojibake. Bytes that are valid
        UTF-8 are not enough: genuine text can be, where a capital with an accent is followed by a no-break
        space, a dash, a typographic apostrophe or a sign ("JOSÉ LUIS", "VÍŠEK", "HEIKKILÄ’S", "CAFÈ°").
        So a repair is kept only where it gives text a name or an address is written in: ASCII, Latin-1,
        the letters of Extended-A and -B that Central and Eastern European languages, Turkish, Romanian
        and Vietnamese use (Vietnamese's Extended Additional too), and typographic punctuation, the euro
        and trade mark signs; and, in a word in capitals (two or more, no lower-case letter), no lower-case
        letter but ß ("IRMÃ" and a no-break space is not "IRMà"; "STRAÃŸE" is "STRAßE", "LÃª" is "Lê").
        Left wrong: a Nordic capital Å or Æ followed by a no-break space ("BLÅ" is read as "BLŠ") and "Ä’"
        ("NIEMELÄ’S" as Latvian "NIEMELĒS"): that is what Czech Š and Latvian Ē look like after the wrong
        decoding. -#}
    {%- set letters = "ĂăĄąĆćČčĎďĐđĨĩŨũĘęĚěĞğİıĹĺĽľŁłŃńŇňŐőŒœŔŕŘřŚśŞşŠšŢţŤťŮůŰűŸŹźŻżŽžĀāĒēĖėĢģĪīĮįĶķĻļŅņŪūŲųƠơƯưȘșȚț" -%}
    {%- set plausible = "'[\\x{09}\\x{20}-\\x{7E}\\x{A0}-\\x{FF}" ~ letters ~ "\\x{1EA0}-\\x{1EF9}–—‘’“”„…•€™]*'" -%}
    {%- set kept -%}
        case
            when
                regexp_full_match(mojibake_decoded, {{ plausible }})
                and (
                    not regexp_full_match(mojibake_word, '[^a-z]*[A-Z][^a-z]*[A-Z][^a-z]*')
                    or not regexp_matches(replace(mojibake_decoded, 'ß', ''), '\p{Ll}')
                )
                then mojibake_decoded
            else mojibake_word
        end
    {%- endset -%}
    {%- set repaired -%}
        case
            when length(mojibake_hex) = 2 * length(mojibake_word)
                then {{ _let("try(decode(unhex(mojibake_hex)))", 'mojibake_decoded', kept) }}
            else mojibake_word
        end
    {%- endset -%}
    case
        when regexp_matches(cast({{ column }} as varchar), '[\x{C2}-\x{F4}][\x{80}-\x{BF}{{ windows_1252 }}]')
            then array_to_string(
                list_transform(
                    string_split(cast({{ column }} as varchar), ' '),
                    lambda mojibake_word: {{ _let(bytes_hex, 'mojibake_hex', repaired) }}
                ),
                ' '
            )
        else cast({{ column }} as varchar)
    end
{%- endmacro %}
