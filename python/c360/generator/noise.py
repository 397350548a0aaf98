"""Record-level noise (how people and systems garble identity) and row-level defects of raw exports.

Every noise applied to a record is logged as `(source_table, source_record_id, noise)` so that tests can show
each problem is present at its stated rate.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from c360.generator.persons import Address, Person, fold_accents
from c360.generator.vocab import (
    PLACEHOLDER_EMAILS,
    PLACEHOLDER_PHONES,
    PLACEHOLDER_TEXT,
    STREET_SUFFIXES,
    nickname_index,
)


@dataclass(frozen=True)
class NoiseRates:
    """Per-record probabilities of each identity noise (conditional where the name says so)."""

    nickname: float = 0.08  # of records whose first name has a known nickname
    first_name_typo: float = 0.03
    last_name_typo: float = 0.03
    name_swap: float = 0.015  # first and last name entered in each other's field
    case_whitespace: float = 0.10  # per name field: upper/lower case, stray or doubled spaces
    accent_dropped: float = 0.5  # of records of persons whose name has diacritics
    placeholder_name: float = 0.003
    email_missing: float = 0.10
    email_alternate: float = 0.25  # of records of persons with a work or family email: that one is used
    email_case: float = 0.10
    email_plus_tag: float = 0.04
    email_typo: float = 0.01
    placeholder_email: float = 0.012
    phone_missing: float = 0.25
    phone_landline: float = 0.35  # of records of persons whose household has a landline
    placeholder_phone: float = 0.012
    birth_date_missing: float = 0.15
    birth_date_transposed: float = 0.02  # day and month swapped (only where both are <= 12)
    birth_date_off_by_one: float = 0.01
    birth_date_year_digit: float = 0.01
    birth_date_invalid: float = 0.006  # impossible or unparseable text
    address_missing: float = 0.15
    postal_zip4: float = 0.10
    postal_leading_zero_lost: float = 0.5  # of US zips starting with 0: exported as a number


@dataclass(frozen=True)
class RowProblemRates:
    """Per-row probabilities of defects in a raw export."""

    missing_primary_key: float = 0.002
    duplicate_primary_key: float = 0.003
    no_usable_identifier: float = 0.003
    unparseable_timestamp: float = 0.003
    future_timestamp: float = 0.002
    orphan_foreign_key: float = 0.005
    negative_amount: float = 0.004


@dataclass
class NoiseLog:
    """Collects what was done to which record, and how often each noise was drawn for (its trials)."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    trials: Counter[str] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)
    stated: dict[str, float] = field(default_factory=dict)

    def add(self, system: str, table: str, record_id: str, noise: str) -> None:
        """Record that `noise` was applied to one source record."""
        self.rows.append((system, table, record_id, noise))

    def draw(self, noise: str, rate: float, trials: int, hits: int) -> None:
        """Count `trials` Bernoulli draws at `rate` for `noise`, `hits` of which succeeded.

        A noise is drawn at one rate everywhere it is drawn at all (rate 0 means "not in this system").
        """
        if rate <= 0:
            return
        self.trials[noise] += trials
        self.hits[noise] += hits
        self.stated[noise] = rate


_KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def typo(rng: random.Random, text: str) -> str:
    """One keyboard-style edit: substitution, deletion, insertion or transposition (never the first letter)."""
    if len(text) < 3:
        return text + rng.choice(_KEYBOARD)
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + rng.choice(_KEYBOARD) + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    if kind == 2:
        return text[:i] + rng.choice(_KEYBOARD) + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def case_whitespace(rng: random.Random, text: str) -> str:
    """Mixed case and stray whitespace as typed into forms."""
    style = rng.randrange(5)
    if style == 0:
        return text.upper()
    if style == 1:
        return text.lower()
    if style == 2:
        return f"  {text} "
    if style == 3:
        return text.replace(" ", "  ") + "\t"
    return f" {text.lower()}"


def format_phone(rng: random.Random, phone: tuple[str, str]) -> str:
    """A phone number in one of the many ways people and systems write it."""
    cc, nat = phone
    if cc == "1":
        a, b, c = nat[:3], nat[3:6], nat[6:]
        return rng.choice(
            (
                f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a}{b}{c}", f"+1 {a} {b} {c}",
                f"1-{a}-{b}-{c}", f"+1{a}{b}{c}", f"+1 ({a}) {b}-{c}", f"1 {a} {b} {c}",
            )
        )  # fmt: skip
    return rng.choice((f"+{cc} {nat[:4]} {nat[4:]}", f"0{nat[:4]} {nat[4:]}", f"00{cc} {nat}", f"+{cc}{nat}"))


def format_street(rng: random.Random, address: Address) -> str:
    """The street line with its suffix written out, abbreviated or cased differently."""
    if address.suffix is None:
        line = f"{address.street} {address.number}" if address.country == "DE" else f"{address.number} {address.street}"
    else:
        abbreviations = dict(STREET_SUFFIXES)[address.suffix]
        suffix = address.suffix if rng.random() < 0.4 else rng.choice(abbreviations)
        line = f"{address.number} {address.street} {suffix}"
    if address.unit:
        line = f"{line}, {address.unit}" if rng.random() < 0.5 else f"{line} {address.unit}"
    style = rng.random()
    if style < 0.08:
        return line.upper()
    if style < 0.12:
        return f" {line.lower()}  "
    return line


class RecordNoiser:
    """Renders one person as one source record would show them, logging every noise it applies."""

    def __init__(self, rng: random.Random, log: NoiseLog, rates: NoiseRates | None = None) -> None:
        self.rng = rng
        self.log = log
        self.rates = rates or NoiseRates()
        self._nicknames = nickname_index()
        self._rec: tuple[str, str, str] = ("", "", "")

    def start(self, system: str, table: str, record_id: str) -> None:
        """Name the record that the following calls describe."""
        self._rec = (system, table, record_id)

    def _hit(self, rate: float, noise: str) -> bool:
        hit = self.rng.random() < rate
        self.log.draw(noise, rate, 1, int(hit))
        if hit:
            self.log.add(*self._rec, noise)
        return hit

    def names(self, person: Person, at: datetime) -> tuple[str | None, str | None]:
        """(first, last) as this record shows them."""
        r = self.rates
        first = person.first_name
        last = person.last_name
        if person.former_last_name and person.name_changed_at and at < person.name_changed_at:
            last = person.former_last_name
            self.log.add(*self._rec, "former_last_name")
        nicks = self._nicknames.get(first.lower())
        if nicks and self._hit(r.nickname, "nickname"):
            first = self.rng.choice(nicks).title()
        if fold_accents(first + last) != first + last and self._hit(r.accent_dropped, "accent_dropped"):
            first, last = fold_accents(first), fold_accents(last)
        if self._hit(r.first_name_typo, "first_name_typo"):
            first = typo(self.rng, first)
        if self._hit(r.last_name_typo, "last_name_typo"):
            last = typo(self.rng, last)
        if self._hit(r.case_whitespace, "name_case_whitespace"):
            first = case_whitespace(self.rng, first)
            last = case_whitespace(self.rng, last) if self.rng.random() < 0.7 else last
        if self._hit(r.name_swap, "name_swap"):
            first, last = last, first
        if self._hit(r.placeholder_name, "placeholder_name"):
            return self.rng.choice(PLACEHOLDER_TEXT), last
        return first, last

    def email(self, person: Person) -> str | None:
        """The email this record carries, if any."""
        r = self.rates
        if self._hit(r.placeholder_email, "placeholder_email"):
            return self.rng.choice(PLACEHOLDER_EMAILS + ("N/A", "unknown"))
        if self._hit(r.email_missing, "email_missing"):
            return None
        email = person.email
        alternates = [e for e in (person.work_email, person.family_email) if e]
        if alternates and self._hit(r.email_alternate, "email_alternate"):
            email = self.rng.choice(alternates)
        assert email is not None
        if self._hit(r.email_plus_tag, "email_plus_tag"):
            local, domain = email.split("@")
            email = f"{local}+{self.rng.choice(('shop', 'news', 'promo', 'x'))}@{domain}"
        if self._hit(r.email_typo, "email_typo"):
            local, domain = email.split("@")
            email = f"{typo(self.rng, local)}@{domain}"
        if self._hit(r.email_case, "email_case_whitespace"):
            email = self.rng.choice((email.upper(), f" {email.title()} ", f"{email} "))
        return email

    def phone(self, person: Person) -> str | None:
        """The phone this record carries, if any, in a random format."""
        r = self.rates
        if self._hit(r.placeholder_phone, "placeholder_phone"):
            return self.rng.choice(PLACEHOLDER_PHONES)
        if self._hit(r.phone_missing, "phone_missing"):
            return None
        number = person.mobile
        if person.landline and (number is None or self._hit(r.phone_landline, "phone_landline")):
            number = person.landline
        if number is None:
            return None
        return format_phone(self.rng, number)

    def birth_date(self, person: Person, formats: tuple[tuple[str, float], ...]) -> str | None:
        """The birth date as text in one of `formats` ((strftime, weight)), with data-entry errors."""
        r = self.rates
        if self._hit(r.birth_date_missing, "birth_date_missing"):
            return None
        if self._hit(r.birth_date_invalid, "birth_date_invalid"):
            return self.rng.choice(("1985-02-30", "02/31/1990", "31/31/1979", "00/00/0000", "unknown", "N/A"))
        d = person.birth_date
        if d.day <= 12 and d.day != d.month and self._hit(r.birth_date_transposed, "birth_date_transposed"):
            d = date(d.year, d.day, d.month)
        elif self._hit(r.birth_date_off_by_one, "birth_date_off_by_one"):
            d = d + timedelta(days=self.rng.choice((-1, 1)))
        elif self._hit(r.birth_date_year_digit, "birth_date_year_digit"):
            d = _safe_date(d.year + self.rng.choice((-10, -1, 1, 10)), d.month, d.day)
        fmt = self.rng.choices([f for f, _ in formats], weights=[w for _, w in formats])[0]
        return d.strftime(fmt)

    def address(self, person: Person, at: datetime) -> Address | None:
        """The address on record at `at` (previous one before a move)."""
        if self._hit(self.rates.address_missing, "address_missing"):
            return None
        if person.previous_address and person.moved_at and at < person.moved_at:
            self.log.add(*self._rec, "previous_address")
            return person.previous_address
        return person.address

    def postal_code(self, address: Address) -> str:
        """The postal code with export damage (zip+4, lost leading zeros)."""
        code = address.postal_code
        if address.country != "US":
            return code if self.rng.random() < 0.7 else code.lower().replace(" ", "")
        if code.startswith("0") and self._hit(self.rates.postal_leading_zero_lost, "postal_leading_zero_lost"):
            return code.lstrip("0")
        if self._hit(self.rates.postal_zip4, "postal_zip4"):
            return f"{code}-{self.rng.randint(1000, 9999)}"
        return code

    def country(self, address: Address) -> str:
        """The country as some free-text form of its name or code."""
        from c360.generator.vocab import locales

        return self.rng.choice(locales()[address.country].country_names)


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, 28)


Columns = dict[str, list[Any]]


class RowDefects:
    """Injects row-level defects into a columnar raw table, logging each one."""

    def __init__(self, rng: random.Random, log: NoiseLog, rates: RowProblemRates | None = None) -> None:
        self.rng = rng
        self.log = log
        self.rates = rates or RowProblemRates()

    def _rows(self, cols: Columns, rate: float, noise: str) -> list[int]:
        n = len(next(iter(cols.values())))
        picked = [i for i in range(n) if self.rng.random() < rate]
        self.log.draw(noise, rate, n, len(picked))
        return picked

    def missing_keys(self, system: str, table: str, cols: Columns, key: str) -> set[str]:
        """Blank the primary key of some rows; returns the ids that disappeared."""
        gone: set[str] = set()
        for i in self._rows(cols, self.rates.missing_primary_key, "missing_primary_key"):
            gone.add(str(cols[key][i]))
            self.log.add(system, table, str(cols[key][i]), "missing_primary_key")
            cols[key][i] = None
        return gone

    def no_identifier(self, system: str, table: str, cols: Columns, key: str, identifiers: list[str]) -> None:
        """Empty every identifying column of some rows."""
        for i in self._rows(cols, self.rates.no_usable_identifier, "no_usable_identifier"):
            self.log.add(system, table, str(cols[key][i]), "no_usable_identifier")
            for col in identifiers:
                cols[col][i] = self.rng.choice((None, "", " "))

    def bad_timestamps(self, system: str, table: str, cols: Columns, key: str, col: str, future: Any) -> None:
        """Make some timestamps unparseable and some lie in the future (`future` renders one)."""
        for i in self._rows(cols, self.rates.unparseable_timestamp, "unparseable_timestamp"):
            self.log.add(system, table, str(cols[key][i]), "unparseable_timestamp")
            cols[col][i] = self.rng.choice(("0000-00-00 00:00:00", "N/A", "13/45/2023 25:61", "yesterday"))
        for i in self._rows(cols, self.rates.future_timestamp, "future_timestamp"):
            self.log.add(system, table, str(cols[key][i]), "future_timestamp")
            cols[col][i] = future(self.rng)

    def negative_amounts(self, system: str, table: str, cols: Columns, key: str, col: str) -> None:
        """Flip the sign of some amounts (amounts may be numbers or decimal strings)."""
        for i in self._rows(cols, self.rates.negative_amount, "negative_amount"):
            if cols[col][i] is None:
                continue
            self.log.add(system, table, str(cols[key][i]), "negative_amount")
            value = cols[col][i]
            cols[col][i] = f"-{value}" if isinstance(value, str) else -abs(value) - 1
        return None

    def orphans(self, system: str, table: str, cols: Columns, key: str, col: str, orphan: Any) -> None:
        """Point some foreign keys at parents that do not exist (`orphan` makes such a key)."""
        for i in self._rows(cols, self.rates.orphan_foreign_key, "orphan_foreign_key"):
            self.log.add(system, table, str(cols[key][i]), "orphan_foreign_key")
            cols[col][i] = orphan(self.rng)

    def duplicates(self, system: str, table: str, cols: Columns, key: str) -> None:
        """Append second copies of some rows under the same primary key (a re-sent record)."""
        picks = [
            i
            for i in self._rows(cols, self.rates.duplicate_primary_key, "duplicate_primary_key")
            if cols[key][i] is not None
        ]
        for i in picks:
            self.log.add(system, table, str(cols[key][i]), "duplicate_primary_key")
            for values in cols.values():
                values.append(values[i])
