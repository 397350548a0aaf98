"""Stable customer ids: a person keeps their id across rebuilds, merges and splits.

Rule: each new cluster inherits the previous id held by most of its records (ties: the smaller id), each
previous id going to at most one cluster, the one holding most of its records. A cluster that inherits
nothing gets a new id derived from its smallest record key (so a first build, and any reshuffled rebuild,
gives the same ids). The merges and splits this makes are logged by the int_identity_events_logged model.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict


def new_customer_id(smallest_record_key: str) -> str:
    """A fresh id, a pure function of the cluster's smallest record key."""
    return "C" + hashlib.sha256(smallest_record_key.encode()).hexdigest()[:16]


def assign_customer_ids(cluster_of: dict[str, str], previous: dict[str, str] | None = None) -> dict[str, str]:
    """Customer id of every record, given the cluster of each record and the `previous` build's ids."""
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
    return {record: id_of_cluster[cluster] for record, cluster in cluster_of.items()}
