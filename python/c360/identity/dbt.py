"""The functions the dbt Python models call: Arrow in, Arrow out, a fresh Splink DuckDB API per step
(dbt's own session cursor cannot be handed to Splink)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from splink import DuckDBAPI

from c360.identity.config import IdentityConfig
from c360.identity.pipeline import REFUSED_LINK_SCHEMA, cluster
from c360.identity.reliability import contradictions_from
from c360.identity.splink_model import score, train, training_duckdb_api
from c360.previous_build import previous_table

# One link clustering refused, as int_person_records_clustered carries it on the link's left record.
REFUSED_LINK = pa.struct([field for field in REFUSED_LINK_SCHEMA if field.name != "record_key_l"])


@dataclass(frozen=True)
class ClusteringOutputs:
    """What the clustering step returns to dbt."""

    clusters: pa.Table
    refused_links: pa.Table


def train_model(records: pa.Table, config: IdentityConfig) -> pa.Table:
    """Trained parameters, one row per comparison level (the settings JSON on every row)."""
    return train(training_duckdb_api(), records, config).parameters


def _settings(parameters: pa.Table) -> dict[str, Any]:
    settings: dict[str, Any] = json.loads(parameters.column("settings_json")[0].as_py())
    return settings


def score_pairs(records: pa.Table, parameters: pa.Table, config: IdentityConfig) -> pa.Table:
    """Scored pairs from the trained parameters table."""
    return score(DuckDBAPI(), records, _settings(parameters), config)


def _split_overrides(overrides: pa.Table) -> tuple[pa.Table, pa.Table]:
    kind = pc.utf8_lower(overrides.column("override_type"))
    return (
        overrides.filter(pc.equal(kind, "must_link")),
        overrides.filter(pc.equal(kind, "cannot_link")),
    )


def previous_ids(session: Any, relation: str) -> pa.Table | None:
    """record_key -> customer_id of the previous build, if the table exists (else None)."""
    return previous_table(session, relation, "record_key, customer_id")


def cluster_records_for_dbt(
    records: pa.Table,
    pairs: pa.Table,
    asserted_links: pa.Table,
    overrides: pa.Table,
    previous: pa.Table | None,
    config: IdentityConfig,
    reliability: pa.Table,
) -> ClusteringOutputs:
    """Guarded clustering with steward overrides and stable ids; which disagreements are contradictions
    follows from the attributes' measured reliability (`reliability.measure`)."""
    unknown = set(overrides.column("override_type").to_pylist()) - {"must_link", "cannot_link"}
    if unknown:
        raise ValueError(f"identity_overrides: unknown override_type {sorted(unknown)}; use must_link or cannot_link")
    must, cannot = _split_overrides(overrides)
    contradictions = contradictions_from(reliability)
    clusters, refused = cluster(records, pairs, config, asserted_links, must, cannot, previous, contradictions)
    return ClusteringOutputs(clusters, refused)


def with_refused_links(clusters: pa.Table, refused: pa.Table) -> pa.Table:
    """`clusters` with a `refused_links` column: on each record, the refused links whose left record it is
    (most records have none). One clustering pass so gives dbt both tables; int_person_links_refused
    unnests the column."""
    keys = clusters.column("record_key").to_pylist()
    by_left: dict[str, list[dict[str, Any]]] = {key: [] for key in keys}
    for row in refused.to_pylist():
        left = row.pop("record_key_l")
        if left not in by_left:
            raise ValueError(f"a refused link's record {left!r} is not among the clustered records")
        by_left[left].append(row)
    refused_links = pa.array([by_left[key] for key in keys], type=pa.list_(REFUSED_LINK))
    return clusters.append_column(pa.field("refused_links", refused_links.type), refused_links)
