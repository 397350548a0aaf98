"""Stable customer ids: a person keeps their id across rebuilds, merges and splits.

Rule: each new cluster inherits the previous id held by most of its records (ties: the smaller id), each
previous id going to at most one cluster, the one holding most of its records. A cluster that inherits
nothing gets a new id derived from its smallest record key (so a first build, and any reshuffled rebuild,
gives the same ids). Events: a previous id that no cluster inherits was `merged_into` the id(s) its records
now carry; records that left an id that lives on were `split_from` it (into a new or another existing id).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class IdentityEvent:
    """A merge or split of customer ids between the previous build and this one."""

    event_type: str  # "merged_into" or "split_from"
    customer_id: str  # the id the event is about (the merged-away id, or the new split-off id)
    related_customer_id: str  # the id it merged into, or split from
    record_count: int  # records that moved


def new_customer_id(smallest_record_key: str) -> str:
    """A fresh id, a pure function of the cluster's smallest record key."""
    return "C" + hashlib.sha256(smallest_record_key.encode()).hexdigest()[:16]


def assign_customer_ids(
    cluster_of: dict[str, str], previous: dict[str, str] | None = None
) -> tuple[dict[str, str], list[IdentityEvent]]:
    """Customer id of every record, and the merge/split events relative to `previous` (record -> id)."""
    previous = previous or {}
    members: dict[str, list[str]] = defaultdict(list)
    for record, cluster in cluster_of.items():
        members[cluster].append(record)
    claims = []
    for cluster, records in members.items():
        for prev_id, count in Counter(previous[r] for r in records if r in previous).items():
            claims.append((-count, prev_id, cluster))
    claims.sort()
    id_of_cluster: dict[str, str] = {}
    taken: set[str] = set()
    for _, prev_id, cluster in claims:
        if cluster not in id_of_cluster and prev_id not in taken:
            id_of_cluster[cluster] = prev_id
            taken.add(prev_id)
    used = set(previous.values())
    for cluster in sorted(members):
        if cluster not in id_of_cluster:
            candidate = new_customer_id(cluster)
            while candidate in used or candidate in taken:
                candidate = new_customer_id(candidate)
            id_of_cluster[cluster] = candidate
            taken.add(candidate)
    assigned = {record: id_of_cluster[cluster] for record, cluster in cluster_of.items()}

    events: list[IdentityEvent] = []
    moved: dict[str, Counter[str]] = defaultdict(Counter)
    for record, prev_id in previous.items():
        if record in assigned and assigned[record] != prev_id:
            moved[prev_id][assigned[record]] += 1
    for prev_id in sorted(moved):
        for new_id, count in sorted(moved[prev_id].items()):
            if prev_id not in taken:
                events.append(IdentityEvent("merged_into", prev_id, new_id, count))
            else:
                events.append(IdentityEvent("split_from", new_id, prev_id, count))
    return assigned, events
