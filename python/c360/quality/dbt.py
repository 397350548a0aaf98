"""What the dbt gate models call: read the layer through dbt's session, compare with the gate's own previous
results, validate, and hand the results back as Arrow."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from c360.previous_build import previous_table
from c360.quality.gate import RESULT_SCHEMA, Tolerances, previous_from_results, run_gate
from c360.quality.suites import Suite


def docs_dir_of(session: Any, layer: str) -> Path:
    """Data Docs of a layer: `data_docs/<layer>/index.html` beside the warehouse file."""
    row = session.sql("select path from duckdb_databases() where database_name = current_database()").fetchall()[0]
    return Path(row[0]).resolve().parent / "data_docs" / layer


def gate_for_dbt(
    dbt: Any,
    session: Any,
    layer: str,
    suites: Sequence[Suite],
    relations: Mapping[str, Any],
    as_of_date: str,
    tolerances: Tolerances,
) -> pa.Table:
    """Validate `suites` over `relations` (frame name -> DuckDB relation from dbt.ref / dbt.source, exposed
    to the suites' queries as temporary views) as of the end of `as_of_date` (UTC).
    dbt hands a Python model only the configs its own file reads, so the model reads and passes them."""
    as_of = f"(timestamptz '{as_of_date} 00:00:00+00' + interval 1 day)"
    names: dict[str, str] = {}
    try:
        for name, relation in relations.items():  # dbt hands DuckDB relations: name them for the queries
            view = f"quality_gate_{layer}__{name}"
            relation.create_view(view, replace=True)
            names[name] = view

        def frame_of(suite: Suite) -> pd.DataFrame:
            result: pd.DataFrame = session.sql(suite.query.format(**names, as_of=as_of)).df()
            return result

        previous = previous_table(session, str(dbt.this))
        if previous is not None and "success" in previous.column_names:  # written before it was has_passed
            previous = previous.rename_columns(["has_passed" if c == "success" else c for c in previous.column_names])
        results = run_gate(
            layer=layer,
            suites=suites,
            frame_of=frame_of,
            previous=previous_from_results(previous.to_pandas() if previous is not None else None),
            tolerances=tolerances,
            docs_dir=docs_dir_of(session, layer),
            run_id=uuid.uuid4().hex,
        )
    finally:
        for view in names.values():
            session.sql(f"drop view if exists {view}")
    # the table keeps every build's results: the previous ones, then this build's
    history = previous.select(RESULT_SCHEMA.names).cast(RESULT_SCHEMA) if previous is not None else None
    return pa.concat_tables([history, results]) if history is not None else results
