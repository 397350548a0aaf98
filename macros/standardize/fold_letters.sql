{#- Lower case with accents folded, including the Latin letters that are not an accented letter and that
    strip_accents keeps (Danish and Norwegian ø, Polish ł, Icelandic þ and ð, æ, œ, ß, Turkish dotless ı,
    Croatian đ): "Søren Łukasz" and "Soren Lukasz" are one spelling. Cyrillic is written in Latin letters
    (_cyrillic_in_latin), so "Сергей Кравченко" meets the "Sergey Kravchenko" of another system. Letters of
    other scripts are kept. -#}
{% macro fold_letters(column) -%}
    replace(replace(replace(replace(replace(
        translate(strip_accents({{ _cyrillic_in_latin('lower(' ~ column ~ ')') }}), 'øłđðıħŧŋĸ', 'olddihtnk'),
        'æ', 'ae'), 'œ', 'oe'), 'þ', 'th'), 'ß', 'ss'), 'ĳ', 'ij')
{%- endmacro %}

{#- Lower-case Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Bulgarian letters) in Latin letters, as
    passports and most Latin exports write Russian names (BGN/PCGN-like: ж zh, х kh, ц ts, ч ch, ш sh, щ shch,
    ю yu, я ya, й y, the hard and soft signs dropped; Ukrainian ї yi, є ye; Serbian љ lj, њ nj, џ dz). One
    scheme for all: Ukrainian spells г and и "h" and "y" in Latin, so "Ганна" becomes "ganna", not "hanna". -#}
{% macro _cyrillic_in_latin(column) -%}
    translate(
        replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
            {{ column }},
            'щ', 'shch'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'), 'ю', 'yu'), 'я', 'ya'),
            'ї', 'yi'), 'є', 'ye'), 'љ', 'lj'), 'њ', 'nj'), 'џ', 'dz'),
        'абвгдеёзийклмнопрстуфыэіґјђћўъь', 'abvgdeeziyklmnoprstufyeigjdcu'
    )
{%- endmacro %}
