"""Birth-date knowledge: which differences are data-entry errors rather than different people."""

from __future__ import annotations

from datetime import date


def birth_dates_compatible(a: date, b: date) -> bool:
    """Whether two birth dates could be one person's: equal, day and month transposed, one day apart,
    or a single wrong digit in the year."""
    if a == b:
        return True
    if a.year == b.year and a.month == b.day and a.day == b.month:
        return True
    if abs((a - b).days) <= 1:
        return True
    if (a.month, a.day) == (b.month, b.day):
        differing = sum(x != y for x, y in zip(f"{a.year:04d}", f"{b.year:04d}", strict=True))
        return differing == 1
    return False
