"""What a dbt Python model reads of its own table as the previous build left it."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa


def previous_table(session: Any, relation: str, columns: str = "*") -> pa.Table | None:
    """`columns` of `relation` as the previous build left it, or None where the table does not exist yet (a
    first build). Any other error is raised: reading nothing would silently start afresh (for the clustered
    records, give every person a new customer id)."""
    try:
        table: pa.Table = session.sql(f"select {columns} from {relation}").to_arrow_table()
    except duckdb.CatalogException:
        return None
    return table
