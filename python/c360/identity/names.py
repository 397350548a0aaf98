"""Name knowledge: nickname aliases (the curated `nicknames` dataset) and name compatibility
(Jaro-Winkler from `rapidfuzz`)."""

from __future__ import annotations

from functools import cache

from nicknames import NickNamer
from rapidfuzz.distance import JaroWinkler

_NAMER = NickNamer()


@cache
def aliases(first_name: str) -> tuple[str, ...]:
    """The name itself, its canonical forms, its nicknames and its canonical forms' nicknames, sorted.
    One name in another's aliases may be the same person's (william / bill, bill / will); sharing only an
    alias is not enough (eric and richard are both "rick", and are different names)."""
    name = first_name.strip().lower()
    if not name:
        return ()
    found = {name} | _NAMER.canonicals_of(name) | _NAMER.nicknames_of(name)
    for canonical in _NAMER.canonicals_of(name):
        found |= _NAMER.nicknames_of(canonical)
    return tuple(sorted(found))


def first_names_compatible(a: str, b: str, min_similarity: float) -> bool:
    """Whether two normalized first names could be the same person's: equal, one among the other's
    nickname aliases, similar (a typo), or one an initial of the other."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a in aliases(b) or b in aliases(a):
        return True
    return JaroWinkler.similarity(a, b) >= min_similarity
