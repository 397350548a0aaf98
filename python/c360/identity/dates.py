"""Birth-date knowledge: which differences are data-entry errors rather than different people."""

from __future__ import annotations

from datetime import date, datetime

from rapidfuzz.distance import DamerauLevenshtein


def birth_dates_compatible(a: date, b: date) -> bool:
    """Whether two birth dates could be one person's: equal, day and month transposed, one day apart, or
    one digit of YYYYMMDD typed wrong or two adjacent digits swapped (1985 / 1958, 17 / 27)."""
    if a == b:
        return True
    if a.year == b.year and a.month == b.day and a.day == b.month:
        return True
    if abs((a - b).days) <= 1:
        return True
    return DamerauLevenshtein.distance(a.strftime("%Y%m%d"), b.strftime("%Y%m%d")) <= 1


def birth_years_compatible(a: int, b: int) -> bool:
    """Whether two birth years could be one person's, where a source knows only the year: one apart (a year
    worked out from an age), or one digit typed wrong or two adjacent digits swapped (1958 / 1985)."""
    return abs(a - b) <= 1 or DamerauLevenshtein.distance(str(a), str(b)) <= 1


# Under this age a person's record carries a guardian's email and phone: a parent signs a child up (for a run,
# a club, a class), and online services may not take a child's own details under 13 (the US COPPA; 13 is the
# lowest age of consent the GDPR allows). Older teenagers often have an email and a phone of their own.
OWN_CONTACTS_MIN_AGE = 13


def is_minor(birth_date: date | None, recorded_at: date | datetime | None) -> bool:
    """Whether the person was under `OWN_CONTACTS_MIN_AGE` when the record was written (without a birth date
    or a record date: not known to be)."""
    if birth_date is None or recorded_at is None:
        return False
    day = recorded_at.date() if isinstance(recorded_at, datetime) else recorded_at
    age = day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
    return 0 <= age < OWN_CONTACTS_MIN_AGE  # a record dated before the birth is a wrong date, not a child's
