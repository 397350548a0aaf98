"""Clustering that never chains strangers: links are merged strongest first, and a merge is refused when
the two clusters contradict each other (incompatible first names, incompatible birth dates) or a steward
said the records are different people. Every refused link is returned with its reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from c360.identity.dates import birth_dates_compatible
from c360.identity.names import person_names_compatible, similar_surnames


@dataclass(frozen=True)
class RecordProfile:
    """What clustering needs to know of one record to spot a contradiction."""

    record_key: str
    first_name: str | None
    last_name: str | None
    birth_date: date | None


@dataclass(frozen=True)
class Link:
    """A candidate link between two records."""

    record_key_l: str
    record_key_r: str
    match_probability: float
    origin: str  # "splink", "source" (asserted by a source system) or "steward"


@dataclass(frozen=True)
class RefusedLink:
    """A link that clustering did not follow, and why."""

    link: Link
    reason: str  # "cannot_link", "first_name_conflict", "surname_conflict" or "birth_date_conflict"


@dataclass
class _Cluster:
    members: list[str]
    names: set[tuple[str, str | None]] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    births: set[date] = field(default_factory=set)


@dataclass(frozen=True)
class Clustering:
    """Result: the cluster of every record (named by its smallest record key) and the refused links."""

    cluster_of: dict[str, str]
    refused: list[RefusedLink]
    accepted: list[Link]


def _names_conflict(
    smaller: set[tuple[str, str | None]], bigger: set[tuple[str, str | None]], min_similarity: float
) -> bool:
    """True when some name of the smaller cluster is compatible with no name of the bigger one (a swapped
    first/last name counts as compatible). No names on either side: no conflict."""
    if not smaller or not bigger:
        return False
    return any(
        not any(person_names_compatible(first_a, last_a, first_b, last_b, min_similarity) for first_b, last_b in bigger)
        for first_a, last_a in smaller
    )


def _surnames_conflict(left: _Cluster, right: _Cluster) -> bool:
    """When one side carries surnames but no first name, its surname is its only name: it must be close
    to a surname (or a first name, for swapped records) of the other side."""
    if left.names and right.names:
        return False
    if not left.surnames or not right.surnames:
        return False
    right_names = right.surnames | {first for first, _ in right.names}
    left_names = left.surnames | {first for first, _ in left.names}
    return not any(similar_surnames(a, b) for a in left.surnames for b in right_names) and not any(
        similar_surnames(a, b) for a in right.surnames for b in left_names
    )


def _births_conflict(left: set[date], right: set[date]) -> bool:
    return any(not birth_dates_compatible(a, b) for a in left for b in right)


def cluster_records(
    profiles: Iterable[RecordProfile],
    links: Sequence[Link],
    cannot_links: Iterable[tuple[str, str]] = (),
    name_similarity: float = 0.85,
) -> Clustering:
    """Cluster records by following `links`, steward and source links first, then by decreasing
    probability (ties by record keys, so the result does not depend on input order)."""
    root: dict[str, str] = {}
    clusters: dict[str, _Cluster] = {}
    for p in profiles:
        root[p.record_key] = p.record_key
        c = _Cluster([p.record_key])
        if p.first_name:
            c.names.add((p.first_name, p.last_name))
        if p.last_name:
            c.surnames.add(p.last_name)
        if p.birth_date:
            c.births.add(p.birth_date)
        clusters[p.record_key] = c
    forbidden: dict[str, set[str]] = {}
    for a, b in cannot_links:
        forbidden.setdefault(a, set()).add(b)
        forbidden.setdefault(b, set()).add(a)

    def find(key: str) -> str:
        while root[key] != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    priority = {"steward": 0, "source": 1, "splink": 2}
    ordered = sorted(
        (lk for lk in links if lk.record_key_l in root and lk.record_key_r in root),
        key=lambda lk: (priority[lk.origin], -lk.match_probability, lk.record_key_l, lk.record_key_r),
    )
    refused: list[RefusedLink] = []
    accepted: list[Link] = []
    for link in ordered:
        a, b = find(link.record_key_l), find(link.record_key_r)
        if a == b:
            continue
        big, small = (a, b) if len(clusters[a].members) >= len(clusters[b].members) else (b, a)
        reason = None
        if forbidden and any(find(x) == big for m in clusters[small].members for x in forbidden.get(m, ())):
            reason = "cannot_link"
        elif link.origin != "steward":
            if _names_conflict(clusters[small].names, clusters[big].names, name_similarity):
                reason = "first_name_conflict"
            elif _surnames_conflict(clusters[small], clusters[big]):
                reason = "surname_conflict"
            elif _births_conflict(clusters[small].births, clusters[big].births):
                reason = "birth_date_conflict"
        if reason:
            refused.append(RefusedLink(link, reason))
            continue
        accepted.append(link)
        root[small] = big
        merged = clusters.pop(small)
        target = clusters[big]
        target.members.extend(merged.members)
        target.names |= merged.names
        target.surnames |= merged.surnames
        target.births |= merged.births
    cluster_of: dict[str, str] = {}
    for cluster in clusters.values():
        name = min(cluster.members)
        for member in cluster.members:
            cluster_of[member] = name
    return Clustering(cluster_of, refused, accepted)
