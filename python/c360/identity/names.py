"""Name knowledge: nickname aliases (the curated `nicknames` dataset) and name compatibility
(Jaro-Winkler from `rapidfuzz`)."""

from __future__ import annotations

from functools import cache

from nicknames import NickNamer
from rapidfuzz.distance import JaroWinkler

_NAMER = NickNamer()


@cache
def aliases(first_name: str) -> tuple[str, ...]:
    """The name itself, its canonical forms and its nicknames, sorted: two first names that share an
    alias may belong to one person (william / bill / billy)."""
    name = first_name.strip().lower()
    if not name:
        return ()
    found = {name} | _NAMER.canonicals_of(name) | _NAMER.nicknames_of(name)
    for canonical in _NAMER.canonicals_of(name):
        found |= _NAMER.nicknames_of(canonical)
    return tuple(sorted(found))


def first_names_compatible(a: str, b: str, min_similarity: float) -> bool:
    """Whether two normalized first names could be the same person's: equal, nickname-related,
    similar (a typo), or one an initial of the other."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if set(aliases(a)) & set(aliases(b)):
        return True
    return JaroWinkler.similarity(a, b) >= min_similarity
