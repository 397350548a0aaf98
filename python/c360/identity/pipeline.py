"""The identity pipeline end to end, as plain functions over Arrow tables (what the dbt Python models and
`c360 resolve` call)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa
from splink.internals.database_api import DatabaseAPISubClass

from c360.identity.clustering import Link, RecordProfile, cluster_records
from c360.identity.config import IdentityConfig
from c360.identity.ids import assign_customer_ids
from c360.identity.splink_model import TrainedModel, score, train

DbApiFactory = Callable[[], DatabaseAPISubClass]


@dataclass(frozen=True)
class Resolution:
    """Everything one resolution produces."""

    model: TrainedModel
    pairs: pa.Table
    clusters: pa.Table
    refused_links: pa.Table
    events: pa.Table


def links_from_pairs(pairs: pa.Table, threshold: float) -> list[Link]:
    """Splink pairs at or above `threshold` as candidate links."""
    left = pairs.column("record_key_l").to_pylist()
    right = pairs.column("record_key_r").to_pylist()
    probability = pairs.column("match_probability").to_pylist()
    return [Link(a, b, p, "splink") for a, b, p in zip(left, right, probability, strict=True) if p >= threshold]


def links_from_table(table: pa.Table | None, origin: str) -> list[Link]:
    """Links from a table with `record_key_l`, `record_key_r` (source-asserted or steward must-links)."""
    if table is None or table.num_rows == 0:
        return []
    return [
        Link(a, b, 1.0, origin)
        for a, b in zip(table.column("record_key_l").to_pylist(), table.column("record_key_r").to_pylist(), strict=True)
    ]


def cluster(
    records: pa.Table,
    pairs: pa.Table,
    config: IdentityConfig,
    asserted_links: pa.Table | None = None,
    must_links: pa.Table | None = None,
    cannot_links: pa.Table | None = None,
    previous_ids: pa.Table | None = None,
) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Guarded clustering and stable ids. Returns (clusters, refused links, identity events)."""
    profiles = [
        RecordProfile(r["record_key"], r["first_name"], r["last_name"], r["birth_date"])
        for r in records.select(["record_key", "first_name", "last_name", "birth_date"]).to_pylist()
    ]
    links = (
        links_from_table(must_links, "steward")
        + links_from_table(asserted_links, "source")
        + links_from_pairs(pairs, config.link_threshold)
    )
    forbidden = []
    if cannot_links is not None:
        forbidden = list(
            zip(
                cannot_links.column("record_key_l").to_pylist(),
                cannot_links.column("record_key_r").to_pylist(),
                strict=True,
            )
        )
    result = cluster_records(profiles, links, forbidden, config.name_conflict_similarity)
    previous = {}
    if previous_ids is not None:
        previous = dict(
            zip(
                previous_ids.column("record_key").to_pylist(),
                previous_ids.column("customer_id").to_pylist(),
                strict=True,
            )
        )
    customer_of, events = assign_customer_ids(result.cluster_of, previous)
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
            "previous_customer_id": [previous.get(k) for k in keys],
            "match_probability": pa.array([best.get(k) for k in keys], type=pa.float64()),
            "linked_by": [origin.get(k) for k in keys],
        }
    )
    refused = pa.table(
        {
            "record_key_l": [r.link.record_key_l for r in result.refused],
            "record_key_r": [r.link.record_key_r for r in result.refused],
            "match_probability": pa.array([r.link.match_probability for r in result.refused], type=pa.float64()),
            "link_origin": [r.link.origin for r in result.refused],
            "refusal_reason": [r.reason for r in result.refused],
        },
        schema=pa.schema(
            [
                ("record_key_l", pa.string()),
                ("record_key_r", pa.string()),
                ("match_probability", pa.float64()),
                ("link_origin", pa.string()),
                ("refusal_reason", pa.string()),
            ]
        ),
    )
    event_table = pa.table(
        {
            "event_type": [e.event_type for e in events],
            "customer_id": [e.customer_id for e in events],
            "related_customer_id": [e.related_customer_id for e in events],
            "record_count": pa.array([e.record_count for e in events], type=pa.int64()),
        },
        schema=pa.schema(
            [
                ("event_type", pa.string()),
                ("customer_id", pa.string()),
                ("related_customer_id", pa.string()),
                ("record_count", pa.int64()),
            ]
        ),
    )
    return clusters, refused, event_table


def resolve(
    make_db_api: DbApiFactory,
    records: pa.Table,
    config: IdentityConfig | None = None,
    asserted_links: pa.Table | None = None,
    must_links: pa.Table | None = None,
    cannot_links: pa.Table | None = None,
    previous_ids: pa.Table | None = None,
) -> Resolution:
    """Train, score and cluster `records` (the columns of `int_person_records_prepared`)."""
    config = config or IdentityConfig()
    model = train(make_db_api(), records, config)
    pairs = score(make_db_api(), records, model.settings, config)
    clusters, refused, events = cluster(records, pairs, config, asserted_links, must_links, cannot_links, previous_ids)
    return Resolution(model, pairs, clusters, refused, events)
