"""The Splink model: comparisons, blocking rules and settings, built from typed factories."""

from __future__ import annotations

from typing import Any, NamedTuple

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.blocking_rule_library import CustomRule
from splink.internals.comparison_creator import ComparisonCreator

from c360.identity.names import SURNAME_SIMILARITY

# SQL of the custom levels is written in DuckDB's dialect; Splink translates it (sqlglot) for Spark.
DIALECT = "duckdb"
# The columns of the records Splink matches.
MATCH_COLUMNS = (
    "record_key", "source_system", "first_name", "last_name", "email", "phone", "birth_date",
    "street_address", "postal_code", "city",
)  # fmt: skip
NAMES_SWAPPED = "first_name_l = last_name_r and last_name_l = first_name_r"
SAME_SURNAME = "last_name_l = last_name_r"
# One typo apart, or one a word of the other: a double surname given whole in one record and in part in
# another ("garcia lopez" / "garcia", "smith-jones" / "jones"; normalize_name writes the hyphen as a space).
SIMILAR_SURNAME = (
    f"(jaro_winkler_similarity(last_name_l, last_name_r) >= {SURNAME_SIMILARITY} "
    "or list_contains(string_split(last_name_l, ' '), last_name_r) "
    "or list_contains(string_split(last_name_r, ' '), last_name_l))"
)
# One building where one side gives no unit ("12 elm st # 4" / "12 elm st"): normalize_street writes every
# unit designator as the number sign. Two different units of one building are neighbours, not one door.
BUILDING_L, BUILDING_R = (f"regexp_replace(street_address_{side}, ' # .*$', '')" for side in "lr")
# One typo in the street's name ("12 mian st" / "12 main st"): every number (house, unit) the same, and the
# rest one edit apart. A different number is a neighbour, not a typo. One typo in the postal code of the same
# street (02139 / 02193) is a typo too.
# The edit distance is computed last, in a CASE (DuckDB evaluates its THEN only where its WHEN holds): on
# every pair it took a random-pair sample 4x as long to compare as the exact tests alone.
STREET_TYPO = (
    "(case when abs(length(street_address_l) - length(street_address_r)) <= 1 "
    "and regexp_extract_all(street_address_l, '[0-9]+') = regexp_extract_all(street_address_r, '[0-9]+') "
    "then regexp_matches(street_address_l, '[0-9]') "
    "and damerau_levenshtein(street_address_l, street_address_r) = 1 else false end)"
)
SAME_STREET = (
    f"(street_address_l = street_address_r or ({BUILDING_L} = {BUILDING_R} "
    "and not (contains(street_address_l, ' # ') and contains(street_address_r, ' # '))) "
    f"or {STREET_TYPO}) "
    "and coalesce(postal_code_l = postal_code_r or damerau_levenshtein(postal_code_l, postal_code_r) = 1, true)"
)
SAME_POSTAL = "postal_code_l = postal_code_r"
SAME_CITY = "city_l = city_r"
NO_STREET = "(street_address_l is null or street_address_r is null)"
NO_POSTAL = "(postal_code_l is null or postal_code_r is null)"
NO_PLACE = f"{NO_STREET} and {NO_POSTAL} and (city_l is null or city_r is null)"
# The birth-date level of an exact date on 1 January: where a source has only years, it writes them so
# (its own u: coincidences.birth_date_coincidences).
NEW_YEAR_BIRTH_DATE = "exact, on 1 January"
# The levels where the surnames agree, most specific first, as (condition, label).
SAME_SURNAME_LEVELS: tuple[tuple[str, str], ...] = (
    (f"{SAME_SURNAME} and {SAME_STREET}", "same surname, same street"),
    (f"{SAME_SURNAME} and {SAME_POSTAL} and {NO_STREET}", "same surname, same postal code, no street to compare"),
    (f"{SAME_SURNAME} and {SAME_POSTAL}", "same surname, same postal code, other street"),
    (
        f"{SAME_SURNAME} and {SAME_CITY} and {NO_STREET} and {NO_POSTAL}",
        "same surname, same city, no street or postal code to compare",
    ),
    (f"{SAME_SURNAME} and {SAME_CITY}", "same surname, same city, other street or postal code"),
    (f"{SAME_SURNAME} and {NO_PLACE}", "same surname, no address to compare"),
    (SAME_SURNAME, "same surname, different address"),
)


class PartialLevel(NamedTuple):
    """A level where one side lacks part of what the comparison reads (a street, a surname) and what both
    sides have agrees (`parameters.with_partial_address_weight`)."""

    agreeing: tuple[str, ...]  # the levels whose pairs agree on what both sides have, whatever the rest
    column: str  # the address column that agrees: its chance agreement bounds the level's u
    with_surname: bool  # whether the surnames agree too (the chance of that multiplies in)


PARTIAL_LEVELS: dict[str, PartialLevel] = {
    "same surname, same postal code, no street to compare": PartialLevel(
        ("same surname, same street", "same surname, same postal code, other street"), "postal_code", True
    ),
    "same surname, same city, no street or postal code to compare": PartialLevel(
        (
            "same surname, same street",
            "same surname, same postal code, other street",
            "same surname, same city, other street or postal code",
        ),
        "city",
        True,
    ),
    "no surname to compare, same street": PartialLevel(
        ("same surname, same street", "similar surname, same place", "other surname, same street"),
        "street_address",
        False,
    ),
    "no surname to compare, same postal code": PartialLevel(
        (
            "same surname, same street",
            "same surname, same postal code, other street",
            "similar surname, same place",
            "other surname, same street",
            "other surname, same postal code",
        ),
        "postal_code",
        False,
    ),
}


def within_one_edit(left: str, right: str) -> str:
    """SQL: `left` and `right` are at most one edit apart (Damerau-Levenshtein: a character inserted,
    deleted or replaced, or two adjacent ones swapped), the edit distance computed only for the pairs that
    two cheap tests leave. One edit keeps the lengths within one character, and at most two characters of
    the shorter length m outside the runs the two strings share at their start and at their end; so
    either their first h characters agree or their last m - 1 - h do (h: half of m). Random pairs of
    emails seldom pass both, and their edit distance was most of u sampling's time (90 of 112 s at a
    million records)."""
    shorter = f"least(length({left}), length({right}))"
    head = f"({shorter} // 2)"
    tail = f"greatest({shorter} - 1 - {head}, 0)"
    return (
        f"(abs(length({left}) - length({right})) <= 1 "
        f"and (left({left}, {head}) = left({right}, {head}) or right({left}, {tail}) = right({right}, {tail})) "
        f"and damerau_levenshtein({left}, {right}) <= 1)"
    )


def _level(sql: str, label: str) -> cll.CustomLevel:
    return cll.CustomLevel(sql, label_for_charts=label, base_dialect_str=DIALECT)


def _surname_level(sql: str, label: str) -> dict[str, Any]:
    """A level where the surnames agree: its weight is adjusted by how common the surname is."""
    return {
        "sql_condition": sql,
        "label_for_charts": label,
        "tf_adjustment_column": "last_name",
        "tf_adjustment_weight": 1.0,
    }


def first_name_comparison() -> ComparisonCreator:
    """First name: exact (frequency-adjusted), swapped with the surname, nickname, typo, initial."""
    return cl.CustomComparison(
        output_column_name="first_name",
        comparison_levels=[
            cll.NullLevel("first_name"),
            cll.ExactMatchLevel("first_name", term_frequency_adjustments=True),
            _level(NAMES_SWAPPED, "first and last name swapped"),
            _level(
                "list_contains(first_name_aliases_l, first_name_r) "
                "or list_contains(first_name_aliases_r, first_name_l)",
                "nickname",
            ),
            cll.JaroWinklerLevel("first_name", 0.92),
            _level(
                "(length(first_name_l) = 1 or length(first_name_r) = 1) "
                "and left(first_name_l, 1) = left(first_name_r, 1)",
                "initial matches",
            ),
            cll.ElseLevel(),
        ],
        comparison_description="first name with nickname and swap knowledge",
    )


def surname_address_comparison() -> ComparisonCreator:
    """Surname and address compared jointly: household members share both, so the evidence of a shared
    surname and a shared address counts once, not twice. (Swapped names are scored by the first-name
    comparison alone, so a swap is not counted twice either.) A shared city counts only with a shared
    surname, where the street and postal code do not agree (or are missing: an export of names and towns).
    Where one side has no surname (a sign-up form that asks for a first name), a shared street or postal
    code is weighed on its own, not as an address shared under another surname."""
    no_surname = "(last_name_l is null or last_name_r is null)"
    return cl.CustomComparison(
        output_column_name="surname_address",
        comparison_levels=[
            {
                "sql_condition": f"{no_surname} and ({NO_STREET} and {NO_POSTAL})",
                "label_for_charts": "null",
                "is_null_level": True,
            },
            *(_surname_level(condition, label) for condition, label in SAME_SURNAME_LEVELS),
            _level(f"{SIMILAR_SURNAME} and ({SAME_STREET} or {SAME_POSTAL})", "similar surname, same place"),
            _level(SIMILAR_SURNAME, "similar surname only"),
            _level(f"{no_surname} and {SAME_STREET}", "no surname to compare, same street"),
            _level(f"{no_surname} and {SAME_POSTAL}", "no surname to compare, same postal code"),
            _level(SAME_STREET, "other surname, same street"),
            _level(SAME_POSTAL, "other surname, same postal code"),
            cll.ElseLevel(),
        ],
        comparison_description="surname and address, jointly",
    )


def birth_date_comparison() -> ComparisonCreator:
    """Birth date with the error patterns of data entry (the same knowledge as `dates.birth_dates_compatible`)."""
    return cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            cll.NullLevel("birth_date"),
            _level(
                "birth_date_l = birth_date_r and month(birth_date_l) = 1 and day(birth_date_l) = 1",
                NEW_YEAR_BIRTH_DATE,
            ),
            _level("birth_date_l = birth_date_r", "exact"),
            _level(
                "year(birth_date_l) = year(birth_date_r) and month(birth_date_l) = day(birth_date_r) "
                "and day(birth_date_l) = month(birth_date_r)",
                "day and month transposed",
            ),
            _level("abs(date_diff('day', birth_date_l, birth_date_r)) <= 1", "one day apart"),
            _level(
                "damerau_levenshtein(strftime(birth_date_l, '%Y%m%d'), strftime(birth_date_r, '%Y%m%d')) = 1",
                "one digit wrong or two adjacent digits swapped",
            ),
            cll.ElseLevel(),
        ],
        comparison_description="birth date with transpositions, off-by-one days and digit typos",
    )


def email_comparison() -> ComparisonCreator:
    """Normalized email: exact, or one typo. A difference in separators only (john.smith / johnsmith) is
    not a typo but, very often, a namesake's address; nor is a difference in the numbers (james72 /
    james79): a provider numbers the namesakes' mailboxes. Not frequency-adjusted: a shared address is handled
    by junk suppression, and its frequency mostly counts one person's own duplicates. No "same mailbox name at
    another provider" level: first.last@ is name evidence already counted by the name comparisons."""
    return cl.CustomComparison(
        output_column_name="email",
        comparison_levels=[
            cll.NullLevel("email"),
            cll.ExactMatchLevel("email"),
            _level(
                f"{within_one_edit('email_l', 'email_r')} "
                "and regexp_replace(email_l, '[._-]', '', 'g') <> regexp_replace(email_r, '[._-]', '', 'g') "
                "and regexp_extract_all(email_l, '[0-9]+') = regexp_extract_all(email_r, '[0-9]+')",
                "one typo (not a separator or a number)",
            ),
            cll.ElseLevel(),
        ],
        comparison_description="normalized email",
    )


def phone_comparison() -> ComparisonCreator:
    """E.164 phone: exact or not (a shared household landline is junk-suppressed when many people share
    it, and otherwise outweighed by the first-name and birth-date comparisons)."""
    return cl.CustomComparison(
        output_column_name="phone",
        comparison_levels=[
            cll.NullLevel("phone"),
            cll.ExactMatchLevel("phone"),
            cll.ElseLevel(),
        ],
        comparison_description="E.164 phone",
    )


def prediction_blocking_rules() -> list[BlockingRuleCreator | dict[str, Any]]:
    """Candidate pairs: each rule is checked with Splink's blocking analysis (see `bench identity`)."""
    return [
        block_on("email"),
        block_on("phone"),
        block_on("first_name", "last_name"),
        block_on("last_name", "birth_date"),
        block_on("first_name", "birth_date"),
        block_on("first_name", "postal_code"),
        block_on("birth_date", "postal_code"),
        block_on("last_name", "postal_code"),
        block_on("birth_date", "city"),
        CustomRule("l.first_name = r.last_name and l.last_name = r.first_name", sql_dialect=DIALECT),
        CustomRule("l.first_name = r.last_name and l.birth_date = r.birth_date", sql_dialect=DIALECT),
        CustomRule("l.last_name = r.first_name and l.birth_date = r.birth_date", sql_dialect=DIALECT),
        CustomRule("l.first_name = left(r.first_name, 1) and l.last_name = r.last_name", sql_dialect=DIALECT),
        CustomRule("left(l.first_name, 1) = r.first_name and l.last_name = r.last_name", sql_dialect=DIALECT),
        # A typo in the domain (gmial.com, hotmail.cmo): the mailbox name is the same and the rest one edit
        # away. The join is on the mailbox name (namesakes at other providers share it), and the filter keeps
        # the pairs to what the "one typo" email level scores. Last, because Splink excludes each rule's
        # pairs from the rules after it: placed second, its edit distance was computed on every later
        # candidate pair, and scoring a million records took 34.2 s instead of 21.1 s (19.4 s without it).
        CustomRule(
            "split_part(l.email, '@', 1) = split_part(r.email, '@', 1) and damerau_levenshtein(l.email, r.email) = 1",
            sql_dialect=DIALECT,
        ),
    ]


# Rules whose pairs are taken as certain matches when the prior is estimated.
DETERMINISTIC_RULES: tuple[tuple[str, ...], ...] = (("email",), ("first_name", "last_name", "birth_date"))

# For each column of a deterministic rule: its comparison and the labels of the levels where that column
# agrees exactly.
EXACT_AGREEMENT_LEVELS: dict[str, tuple[str, frozenset[str]]] = {
    "email": ("email", frozenset({"Exact match on email"})),
    "first_name": ("first_name", frozenset({"Exact match on first_name"})),
    "last_name": ("surname_address", frozenset(label for _, label in SAME_SURNAME_LEVELS)),
    "birth_date": ("birth_date", frozenset({NEW_YEAR_BIRTH_DATE, "exact"})),
}

# EM sessions, in order of preference, as the columns each blocks on. A session trains every comparison
# but the ones on its own columns; `training_rules` keeps those the data can feed.
TRAINING_CANDIDATES: tuple[tuple[str, ...], ...] = (
    ("email",),
    ("first_name", "birth_date"),
    ("phone",),
    ("last_name", "birth_date"),
    ("first_name", "last_name"),
    ("last_name", "postal_code"),
    ("birth_date", "postal_code"),
    ("birth_date",),
    ("postal_code",),
)

# The columns each comparison reads (Splink fixes a comparison in a session blocking on any of them; the
# first-name comparison reads the surname too, for swapped names).
COMPARISON_COLUMNS: dict[str, frozenset[str]] = {
    "first_name": frozenset({"first_name", "last_name"}),
    "surname_address": frozenset({"last_name", "street_address", "postal_code", "city"}),
    "birth_date": frozenset({"birth_date"}),
    "email": frozenset({"email"}),
    "phone": frozenset({"phone"}),
}


# An EM session estimates the comparisons its blocking rule leaves free. Where only one of them carries data,
# EM can tell matches from non-matches by nothing but that comparison itself: it puts every pair that
# disagrees on it among the non-matches, and the m of its disagreement goes to zero. On FEBRL 4 (no emails,
# no phones) the session blocking on first name + surname trained birth-date disagreement to m 0.0002 (a
# disagreement weighed -12.6 bits) where its true pairs disagree 5.5% of the time.
MIN_FREE_COMPARISONS = 2


def training_rules(
    pair_counts: dict[tuple[str, ...], int], min_pairs: int, carried: frozenset[str] | None = None
) -> list[tuple[str, ...]]:
    """The EM sessions to run: candidates in order of preference, each kept when it yields at least
    `min_pairs` pairs, leaves at least `MIN_FREE_COMPARISONS` comparisons with data free (`carried`: the
    comparisons the data carries, all when not given) and trains one that no kept session trains yet. On
    customer data this is email, then first name + birth date (so email is trained too); data without
    emails or phones (a benchmark set, an old CRM) falls through to the birth-date and postal-code
    sessions instead."""
    carried = frozenset(COMPARISON_COLUMNS) if carried is None else carried
    trained: set[str] = set()
    chosen: list[tuple[str, ...]] = []
    for columns in TRAINING_CANDIDATES:
        if pair_counts.get(columns, 0) < min_pairs:
            continue
        free = {name for name, read in COMPARISON_COLUMNS.items() if not read & set(columns)} & carried
        if len(free) >= MIN_FREE_COMPARISONS and free - trained:
            chosen.append(columns)
            trained |= free
        if trained >= carried:
            break
    return chosen


def build_settings() -> SettingsCreator:
    """The full Splink settings of the identity model (before training)."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record_key",
        comparisons=[
            first_name_comparison(),
            surname_address_comparison(),
            birth_date_comparison(),
            email_comparison(),
            phone_comparison(),
        ],
        blocking_rules_to_generate_predictions=prediction_blocking_rules(),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
        additional_columns_to_retain=["source_system"],
    )
