"""Birth-date knowledge: which differences are data-entry errors rather than different people."""

from __future__ import annotations

from datetime import date

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
