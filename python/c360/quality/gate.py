"""The quality gate of one layer: run its Great Expectations suites, write Data Docs, return one row per
result. The dbt gate model appends the rows to the warehouse; a dbt test on them (`gate_passed`) fails the
build when any result of this build failed, so every model downstream of the gate is skipped."""

from __future__ import annotations

import copy
import hashlib
import json
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # never phone home (CI has no network)

import great_expectations as gx  # noqa: E402
import great_expectations.expectations as gxe  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402
from great_expectations.data_context.types.base import (  # noqa: E402
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)
from great_expectations.expectations.expectation import Expectation  # noqa: E402

from c360.quality.suites import Suite  # noqa: E402

RESULT_SCHEMA = pa.schema(
    [
        ("result_id", pa.string()),
        ("run_id", pa.string()),
        ("layer", pa.string()),
        ("suite_name", pa.string()),
        ("expectation_type", pa.string()),
        ("column_name", pa.string()),
        ("expectation_kwargs", pa.string()),
        ("has_passed", pa.bool_()),
        ("observed_value", pa.string()),
        ("unexpected_percent", pa.float64()),
        ("element_count", pa.int64()),
        ("validated_at", pa.timestamp("us")),
    ]
)


@dataclass(frozen=True)
class Tolerances:
    """How far this build may move from the previous good one."""

    volume: float  # relative change of a frame's row count
    shift: float  # relative change of a tracked metric


@dataclass(frozen=True)
class Previous:
    """What the previous good build observed: row counts per suite, metric values per (suite, metric)."""

    row_counts: dict[str, float]
    metrics: dict[tuple[str, str], float]


def previous_from_results(results: pd.DataFrame | None) -> Previous:
    """The observations of the latest build whose results all passed."""
    if results is None or results.empty:
        return Previous({}, {})
    passed = results.groupby("run_id")["has_passed"].all()
    good = results[results["run_id"].isin(passed[passed].index)]
    if good.empty:
        return Previous({}, {})
    latest = good[good["validated_at"] == good["validated_at"].max()]
    counts = latest[latest["expectation_type"] == "observed_row_count"]
    metrics = latest[latest["expectation_type"] == "observed_metric"]
    return Previous(
        row_counts={r.suite_name: float(r.observed_value) for r in counts.itertuples()},
        metrics={(r.suite_name, r.column_name): float(r.observed_value) for r in metrics.itertuples()},
    )


def _context(docs_dir: Path) -> Any:
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
        data_docs_sites={
            "local": {
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            }
        },
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _bounds(previous: float, tolerance: float) -> tuple[float, float]:
    return previous * (1 - tolerance), previous * (1 + tolerance)


def comparisons(suite: Suite, frame: pd.DataFrame, previous: Previous, tolerances: Tolerances) -> list[Expectation]:
    """Volume and shift expectations of a suite against the previous good build."""
    added: list[Expectation] = []
    if suite.track_volume and suite.name in previous.row_counts:
        low, high = _bounds(previous.row_counts[suite.name], tolerances.volume)
        added.append(gxe.ExpectTableRowCountToBeBetween(min_value=math.floor(low), max_value=math.ceil(high)))
    for metric in suite.metrics:
        if (suite.name, metric) in previous.metrics:
            low, high = sorted(_bounds(previous.metrics[(suite.name, metric)], tolerances.shift))
            added.append(gxe.ExpectColumnValuesToBeBetween(column=metric, min_value=low, max_value=high))
    return added


def _observed(value: Any) -> str | None:
    if value is None:
        return None
    text = json.dumps(value, default=str) if not isinstance(value, str) else value
    return text[:1000]


def _row(layer: str, suite: str, kind: str, column: str | None, kwargs: dict[str, Any], success: bool,
         observed: Any, percent: float | None, count: int | None, run_id: str, at: datetime,
         index: int) -> dict[str, Any]:  # fmt: skip
    key = f"{run_id}|{layer}|{suite}|{index}"
    return {
        "result_id": hashlib.md5(key.encode()).hexdigest(),
        "run_id": run_id,
        "layer": layer,
        "suite_name": suite,
        "expectation_type": kind,
        "column_name": column,
        "expectation_kwargs": json.dumps(kwargs, default=str, sort_keys=True),
        "has_passed": success,
        "observed_value": _observed(observed),
        "unexpected_percent": percent,
        "element_count": count,
        "validated_at": at,
    }


def run_gate(
    layer: str,
    suites: Sequence[Suite],
    frame_of: Callable[[Suite], pd.DataFrame],
    previous: Previous,
    tolerances: Tolerances,
    docs_dir: Path,
    run_id: str,
) -> pa.Table:
    """Validate every suite of a layer; a frame that cannot even be read is a failed result, not a crash.
    Data Docs go to `docs_dir` (index.html)."""
    at = datetime.now(UTC).replace(tzinfo=None)
    context = _context(docs_dir)
    source = context.data_sources.add_pandas(f"{layer}_frames")
    rows: list[dict[str, Any]] = []
    definitions = []
    frames: dict[str, pd.DataFrame] = {}
    for suite in suites:
        try:
            frame = frame_of(suite)
        except Exception as error:  # noqa: BLE001 - any failure to read is recorded as a failed result
            rows.append(_row(layer, suite.name, "frame_is_readable", None, {"query": suite.query}, False,
                             f"{type(error).__name__}: {error}", None, None, run_id, at, len(rows)))  # fmt: skip
            continue
        frames[suite.name] = frame
        rows.append(_row(layer, suite.name, "observed_row_count", None, {}, True, len(frame), None, None,
                         run_id, at, len(rows)))  # fmt: skip
        for metric in suite.metrics:
            value = float(frame[metric].iloc[0]) if len(frame) and pd.notna(frame[metric].iloc[0]) else None
            rows.append(_row(layer, suite.name, "observed_metric", metric, {}, True, value, None, None,
                             run_id, at, len(rows)))  # fmt: skip
        # copies: GX binds each expectation to one suite, and a Suite may be validated more than once
        expectations = [copy.copy(e) for e in (*suite.expectations, *comparisons(suite, frame, previous, tolerances))]
        gx_suite = context.suites.add(gx.ExpectationSuite(name=f"{layer}.{suite.name}", expectations=expectations))
        batch = source.add_dataframe_asset(suite.name).add_batch_definition_whole_dataframe("build")
        definitions.append(
            context.validation_definitions.add(gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite))
        )
    for definition in definitions:
        result = definition.run(
            batch_parameters={"dataframe": frames[definition.name]},
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 0},  # no values: no personal data
        )
        for outcome in result.results:
            config = outcome.expectation_config
            kwargs = {k: v for k, v in config.kwargs.items() if k not in ("batch_id",)}
            details = outcome.result or {}
            rows.append(
                _row(
                    layer,
                    definition.name,
                    config.type,
                    kwargs.get("column"),
                    kwargs,
                    bool(outcome.success),
                    details.get("observed_value"),
                    details.get("unexpected_percent"),
                    details.get("element_count"),
                    run_id,
                    at,
                    len(rows),
                )  # fmt: skip
            )
    context.build_data_docs()
    return pa.Table.from_pylist(rows, schema=RESULT_SCHEMA)
