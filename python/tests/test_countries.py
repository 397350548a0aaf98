"""The country reference the standardization macros read: generated from pycountry, babel (the CLDR) and
phonenumbers, and committed as it is generated."""

from __future__ import annotations

import re

from helpers import PROJECT

from c360.countries import MACRO_PATH, calling_plans, fold, number_patterns, parsing_prefixes, render, spellings


def test_the_committed_macro_is_what_the_pinned_libraries_give() -> None:
    committed = (PROJECT / MACRO_PATH).read_text(encoding="utf-8")
    assert committed == render(), "run `python -m c360.countries` to regenerate it"


def test_spellings_are_folded_like_the_macro_folds_a_country() -> None:
    assert fold("  Côte d'Ivoire ") == "cote divoire"
    assert fold("U.S.A.") == "usa"
    assert fold("Guinea - Bissau") == "guinea bissau"
    assert fold(" 日本 ") == "日本" and fold("Ελλάδα") == "ελλαδα"  # other scripts stay, without accents
    assert fold("Ｊａｐａｎ") == "ｊａｐａｎ"  # no compatibility folding: DuckDB's strip_accents keeps full width
    # letters and single spaces only, so every key is safe inside SQL quotes
    assert all(re.fullmatch(r"[^\W\d_]+( [^\W\d_]+)*", key) for key in spellings())


def test_names_codes_and_native_names_name_one_country() -> None:
    names = spellings()
    expected = {
        "united kingdom": "GB", "england": "GB", "usa": "US", "united states of america": "US",
        "australia": "AU", "aus": "AU", "nederland": "NL", "schweiz": "CH", "turkiye": "TR", "turkey": "TR",
        "iran": "IR", "korea republic of": "KR", "south korea": "KR", "congo": "CG",
        # the CLDR's names in the countries' own languages
        "日本": "JP", "中国": "CN", "대한민국": "KR", "россия": "RU", "mexico": "MX", "brasil": "BR", "espana": "ES",
        "مصر": "EG", "suisse": "CH", "svizzera": "CH", "deutschland": "DE", "czechia": "CZ", "cesko": "CZ",
    }  # fmt: skip
    assert {key: names.get(key) for key in expected} == expected
    # a short form two countries share names neither ("Korea, Republic of" / "..., Democratic People's ...")
    assert "korea" not in names and "virgin islands" not in names
    # two-letter codes are read by the macro itself, so only "uk", which is not ISO's code for its country,
    # and "us", for the dotted "U.S.", are listed (and not "na", which is what "N/A" and "n.a." fold to)
    assert [key for key in names if re.fullmatch("[a-z]{2}", key)] == ["uk", "us"]
    assert {names[key] for key in ("republic of korea", "prc", "czech rep", "brd")} == {"KR", "CN", "CZ", "DE"}


def test_calling_plans_give_calling_code_and_trunk_prefix() -> None:
    plans = calling_plans()
    assert plans["GB"] == ("44", "0")
    assert plans["IT"] == ("39", "")  # Italian numbers keep their leading 0 after +39
    assert plans["HU"] == ("36", "06")
    assert plans["CA"] == plans["US"] == ("1", "1")
    assert "AQ" not in plans  # Antarctica has no calling code


def test_number_patterns_tell_which_plans_a_national_number_fits() -> None:
    patterns = number_patterns()
    assert re.fullmatch(patterns["GB"], "7651541094") and not re.fullmatch(patterns["GB"], "491706985")
    assert re.fullmatch(patterns["AU"], "491706985") and not re.fullmatch(patterns["AU"], "7651541094")
    assert set(patterns) == set(calling_plans())  # every country with a calling code has one


def test_parsing_prefixes_drop_what_is_written_before_a_national_number() -> None:
    """What the macro does with a rule, written in Python: the anchored prefix replaced by the transform where
    the rule's group matched, else dropped."""
    rules = parsing_prefixes()

    def dropped(code: str, national: str) -> str:
        prefix, transform, group, _ = rules[code]
        found = re.match(prefix, national)
        assert found is not None
        if group and found.group(group):
            return re.sub(prefix, transform, national, count=1)
        return national[found.end() :]

    # Mexico's legacy mobile prefixes (not in current libphonenumber metadata), Brazil's carrier code,
    # Argentina's mobile 15 after the area code (becomes 9 before it)
    assert dropped("52", "0445512345678") == "5512345678" and dropped("52", "15512345678") == "5512345678"
    assert dropped("55", "02111987654321") == "11987654321"
    assert dropped("54", "01115" + "23456789") == "91123456789"
    assert rules["52"][3] == "MX" and rules["55"][3] == "BR" and rules["54"][3] == "AR"
    # no rule where a country parses its trunk prefix only, and none for the North American plan
    assert "1" not in rules and "49" not in rules and "33" not in rules
    # every prefix is anchored and can be written into the macro's string literal
    assert all(prefix.startswith("^(?:") and not re.search(r"[\s'/]", prefix) for prefix, *_ in rules.values())
