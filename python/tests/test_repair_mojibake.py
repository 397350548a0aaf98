"""`repair_mojibake` (macros/standardize) on names as people write them: Faker's person names, street lines and
cities of Latin-script locales are kept as they are, and the same text read as Windows-1252 or Latin-1 after
it was written as UTF-8 (what an export passed through the wrong program shows: "MÃ¼ller") is repaired."""

from __future__ import annotations

import duckdb
import pytest
from faker import Faker
from helpers import dbt_run

LOCALES = (
    "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CA", "es_ES", "es_MX", "it_IT", "pt_BR", "pt_PT", "pl_PL", "cs_CZ",
    "sk_SK", "hu_HU", "tr_TR", "sv_SE", "da_DK", "no_NO", "fi_FI", "nl_NL", "ro_RO", "hr_HR", "sl_SI", "vi_VN",
    "is_IS", "lt_LT", "lv_LV", "et_EE",
)  # fmt: skip
PER_LOCALE = 200


def _texts() -> list[str]:
    texts: list[str] = []
    for locale in LOCALES:
        fake = Faker(locale)
        fake.seed_instance(7)
        for _ in range(PER_LOCALE):
            texts += [fake.first_name(), fake.last_name(), fake.street_address().replace("\n", " "), fake.city()]
            texts.append(fake.name().upper())
    return texts


def _garbled(text: str, encoding: str) -> str | None:
    """`text` written as UTF-8 and read as `encoding`, where that reads and changes it."""
    try:
        garbled = text.encode("utf-8").decode(encoding)
    except UnicodeDecodeError:  # Windows-1252 has no character for five bytes
        return None
    return garbled if garbled != text else None


@pytest.fixture(scope="module")
def repaired(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every genuine and garbled text, mapped to what the macro makes of it."""
    tmp = tmp_path_factory.mktemp("mojibake")
    # the macro compiles to a call of the warehouse's function: created first, as the on-run-start hook does
    compiled = dbt_run(
        tmp / "unused.duckdb", tmp / "target", "compile", "--quiet", "--inline",
        "{{ create_standardize_functions() }} select given, {{ repair_mojibake('given') }} as got from texts",
    )  # fmt: skip
    assert compiled.returncode == 0, compiled.stdout
    texts = _texts()
    given = set(texts) | {g for t in texts for e in ("cp1252", "latin-1") if (g := _garbled(t, e))}
    with duckdb.connect() as con:
        con.execute("create table texts (given varchar)")
        con.executemany("insert into texts values (?)", [(g,) for g in sorted(given)])
        return dict(con.execute(compiled.stdout.strip()).fetchall())  # the result of the last statement


def test_genuine_names_and_addresses_are_kept(repaired: dict[str, str]) -> None:
    changed = {text: repaired[text] for text in set(_texts()) if repaired[text] != text}
    assert not changed


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_utf8_read_as_another_encoding_is_repaired(repaired: dict[str, str], encoding: str) -> None:
    garbled = {g: text for text in set(_texts()) if (g := _garbled(text, encoding))}
    unrepaired = {g: (text, repaired[g]) for g, text in garbled.items() if repaired[g] != text}
    assert len(garbled) > 1000
    # only a letter outside the Latin blocks a name is written in stays garbled (Faker's upper case of
    # Turkish "i̇" gives a lone tilde, U+02DC)
    assert len(unrepaired) <= len(garbled) // 1000, unrepaired
