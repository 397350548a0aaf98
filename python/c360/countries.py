"""The country reference the standardization macros read: every ISO 3166 country's spellings (names, codes)
from `pycountry`, its names in English usage and in its own official languages ("日本", "Deutschland",
"Россия") from `babel` (the Unicode CLDR), and its telephone calling code, national trunk prefix, numbering
plan and prefixes for parsing from `phonenumbers` (Google's libphonenumber metadata). All are data the macros
cannot compute; this module writes them into `macros/standardize/_country_reference.sql`, and a test checks that
the committed file is what the libraries give at the versions pinned in the dev extras (`python -m c360.countries`
regenerates it)."""

from __future__ import annotations

import re
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

import phonenumbers
import pycountry
from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages
from phonenumbers import PhoneMetadata

MACRO_PATH = Path("macros") / "standardize" / "_country_reference.sql"

# How people write countries that neither ISO's names nor the CLDR's cover: old, colloquial and ASCII names,
# the nations of the United Kingdom.
ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("america", "us"),  # "U.S." (the ISO codes themselves match only when written as two letters)
    "GB": ("uk", "great britain", "britain", "england", "scotland", "wales", "northern ireland"),
    "DE": ("brd", "bundesrepublik deutschland"),
    "FR": ("republique francaise",),
    "NL": ("holland", "the netherlands"),
    "AT": ("oesterreich",),
    "IE": ("republic of ireland",),
    "KR": ("republic of korea",),
    "TR": ("turkey",),
    "CZ": ("czech rep",),
    "AE": ("uae",),
    "CI": ("ivory coast",),
    "SZ": ("swaziland",),
    "MM": ("burma",),
    "VA": ("vatican",),
    "MK": ("macedonia",),
    "CD": ("democratic republic of the congo", "dr congo", "drc"),
    "CN": ("prc",),
}


def fold(text: str) -> str:
    """A country as the macros match it: lower case, accents folded, letters of any script and single spaces
    only (the SQL of `normalize_country` does the same: DuckDB's strip_accents, then `[^\\p{L} ]` removed)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    unaccented = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    letters = "".join(c for c in unaccented if c == " " or unicodedata.category(c).startswith("L"))
    return re.sub(r" +", " ", letters).strip()


def _short_forms(name: str) -> list[str]:
    """ "Korea, Republic of" -> "korea"; "Saint Martin (French part)" -> "saint martin"."""
    forms = [name.split(",")[0], re.sub(r"\s*\(.*\)", "", name)]
    return [form for form in forms if form != name]


def cldr_names(iso: str) -> list[str]:
    """The country's name in English usage ("South Korea", "Czechia") and in each of its official languages,
    as the CLDR writes them ("대한민국", "Česko"; Switzerland in German, French and Italian)."""
    names = [Locale("en").territories.get(iso, "")]
    for language in get_official_languages(iso, de_facto=True):
        try:
            locale = Locale.parse(f"{language}_{iso}")
        except UnknownLocaleError:
            continue  # a language the CLDR has no data for in that country
        names.append(locale.territories.get(iso, ""))
    return [name for name in names if name]


def spellings() -> dict[str, str]:
    """Folded spelling -> ISO 3166 alpha-2 code. ISO's names and codes first, then the aliases above, then the
    CLDR's names where they name one country only; a short form that two countries share ("virgin islands")
    names neither."""
    exact: dict[str, str] = {}
    usage: dict[str, set[str]] = {}
    derived: dict[str, set[str]] = {}
    for country in pycountry.countries:
        iso = country.alpha_2
        names = [country.alpha_3, country.name]
        names += [getattr(country, key) for key in ("official_name", "common_name") if hasattr(country, key)]
        for name in names:
            exact.setdefault(fold(name), iso)
        in_usage = cldr_names(iso)
        for name in names[1:] + in_usage:
            for form in _short_forms(name):
                derived.setdefault(fold(form), set()).add(iso)
        for name in in_usage:
            usage.setdefault(fold(name), set()).add(iso)
    for iso, aliases in ALIASES.items():
        for alias in aliases:
            exact[fold(alias)] = iso
    result = {key: codes.pop() for key, codes in derived.items() if len(codes) == 1 and key}
    result.update({key: codes.pop() for key, codes in usage.items() if len(codes) == 1 and key})
    result.update(exact)
    return dict(sorted(result.items()))


def calling_plans() -> dict[str, tuple[str, str]]:
    """ISO 3166 alpha-2 code -> (calling code, national trunk prefix or ""), for every country with a
    calling code."""
    plans: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        code = phonenumbers.country_code_for_region(country.alpha_2)
        if not code:
            continue
        metadata = PhoneMetadata.metadata_for_region(country.alpha_2)
        prefix = (metadata.national_prefix if metadata else None) or ""
        plans[country.alpha_2] = (str(code), prefix)
    return dict(sorted(plans.items()))


def number_patterns() -> dict[str, str]:
    """ISO 3166 alpha-2 code -> the regular expression of the national significant numbers its numbering
    plan allows (libphonenumber's general description), for every country with a calling code; `\\d` is
    written `[0-9]`, and none holds a space, a quote or a slash (the macro's map literal splits on spaces)."""
    patterns: dict[str, str] = {}
    for country in pycountry.countries:
        metadata = PhoneMetadata.metadata_for_region(country.alpha_2)
        general = metadata.general_desc if metadata else None
        if not (general and general.national_number_pattern and phonenumbers.country_code_for_region(country.alpha_2)):
            continue
        pattern = general.national_number_pattern.replace("\\d", "[0-9]")
        if re.search(r"[\s'\"/]", pattern):
            raise ValueError(f"{country.alpha_2}: pattern {pattern!r} cannot be written into the macro")
        patterns[country.alpha_2] = pattern
    return dict(sorted(patterns.items()))


# Mexico's dialling prefixes before its 2019 numbering reform: "044" / "045" before a mobile, "01" / "02" before
# a long-distance call, "1" after +52 before a mobile. libphonenumber dropped them from Mexico's metadata with
# the reform (its earlier releases parsed them with this expression); records written before it keep them.
LEGACY_PARSING_PREFIXES = {"MX": "0(?:[12]|4[45])|1"}


def parsing_prefixes() -> dict[str, tuple[str, str, int, str]]:
    """Calling code -> (the expression of what may be written before a national number, anchored at its start;
    its replacement; the capture group that must have matched for the replacement to apply (0: always replaced
    by nothing); the country whose plan the number must then fit), where the code's main country parses more than its
    trunk prefix (libphonenumber's national prefix for parsing and its transform rule: Brazil's carrier
    codes, Argentina's mobile "15" after the area code; Mexico's legacy prefixes)."""
    rules: dict[str, tuple[str, str, int, str]] = {}
    for code in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE):
        country = phonenumbers.region_code_for_country_code(code)
        metadata = PhoneMetadata.metadata_for_region(country)
        if metadata is None:
            continue
        prefix = LEGACY_PARSING_PREFIXES.get(country) or metadata.national_prefix_for_parsing
        if not prefix or prefix == metadata.national_prefix:
            continue
        transform = "" if country in LEGACY_PARSING_PREFIXES else (metadata.national_prefix_transform_rule or "")
        group = re.compile(prefix).groups if transform else 0
        prefix = "^(?:" + prefix.replace("\\d", "[0-9]") + ")"
        if re.search(r"[\s'\"/]", prefix + transform):
            raise ValueError(f"{country}: parsing prefix {prefix!r} cannot be written into the macro")
        rules[str(code)] = (prefix, transform, group, country)
    return rules


def jinja_escaped(text: str) -> str:
    """`text` as the inside of a Jinja string literal, which reads backslash escapes ("\\1", a group's
    reference in a replacement, would be read as the character 1)."""
    return text.replace("\\", "\\\\")


def render() -> str:
    """The text of the generated macro file."""

    def entries(items: list[str]) -> str:
        return ",\n".join(f"        {item}" for item in items)

    names = entries([f'"{key}": "{iso}"' for key, iso in spellings().items()])
    plans = entries([f'"{iso}": ["{code}", "{prefix}"]' for iso, (code, prefix) in calling_plans().items()])
    patterns = entries([f'"{iso}": "{pattern}"' for iso, pattern in number_patterns().items()])
    prefixes = entries(
        [
            f'"{code}": ["{prefix}", "{jinja_escaped(transform)}", {group}, "{iso}"]'
            for code, (prefix, transform, group, iso) in parsing_prefixes().items()
        ]
    )
    return (
        "{#- Generated by `python -m c360.countries` from pycountry "
        f"{version('pycountry')}, babel {version('babel')} and phonenumbers {version('phonenumbers')}:\n"
        "    do not edit (python/c360/countries.py says what is taken from where). -#}\n"
        "{% macro country_spellings() -%}\n"
        "    {#- folded country spelling -> ISO 3166 alpha-2 code -#}\n"
        "    {{ return({\n"
        f"{names},\n"
        "    }) }}\n"
        "{%- endmacro %}\n\n"
        "{% macro calling_plans() -%}\n"
        "    {#- ISO 3166 alpha-2 code -> [calling code, national trunk prefix] -#}\n"
        "    {{ return({\n"
        f"{plans},\n"
        "    }) }}\n"
        "{%- endmacro %}\n\n"
        "{% macro number_patterns() -%}\n"
        "    {#- ISO 3166 alpha-2 code -> regular expression of its national significant numbers -#}\n"
        "    {{ return({\n"
        f"{patterns},\n"
        "    }) }}\n"
        "{%- endmacro %}\n"
        "\n"
        "{% macro parsing_prefixes() -%}\n"
        "    {#- calling code -> [anchored prefix, its replacement, the group that must match for it, ISO code] -#}\n"
        "    {{ return({\n"
        f"{prefixes},\n"
        "    }) }}\n"
        "{%- endmacro %}\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Write the macro file into the project folder given (default: the current folder)."""
    project = Path((argv or sys.argv[1:] or ["."])[0])
    (project / MACRO_PATH).write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
