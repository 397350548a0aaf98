"""The country reference the standardization macros read: generated from pycountry, babel (the CLDR) and
phonenumbers, and committed as it is generated."""

from __future__ import annotations

import re

from helpers import PROJECT

from c360.countries import MACRO_PATH, calling_plans, fold, number_patterns, render, spellings


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
