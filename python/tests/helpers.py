"""Paths and a dbt runner shared by the tests that build warehouses."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from c360.identity.evaluate import evaluate
from c360.project import dbt_argv, find_project_dir

PROJECT = find_project_dir(Path(__file__).parent)
RAW = PROJECT / "data" / "sample" / "raw"
# dbt's unit tests check the project's SQL whatever the data: the session's sample build (conftest's
# `warehouse`) runs them; the builds that test something else leave them out.
NO_UNIT_TESTS = ("--exclude", "test_type:unit")


def dbt_run(
    warehouse: Path, target: Path, command: str, *extra: str, raw: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`dbt <command>` of this project into `warehouse`, whatever its outcome."""
    return subprocess.run(
        dbt_argv(PROJECT, command, *extra, raw_path=raw, target_dir=target),
        env={**os.environ, "C360_DUCKDB_PATH": str(warehouse)},
        capture_output=True,
        text=True,
        check=False,
    )


def dbt_build(warehouse: Path, target: Path, *extra: str, raw: Path | None = None) -> None:
    """`dbt build` of this project into `warehouse`; fails the test with dbt's output when it fails."""
    completed = dbt_run(warehouse, target, "build", *extra, raw=raw)
    if completed.returncode != 0:
        pytest.fail(f"dbt build failed:\n{completed.stdout[-8000:]}")


def mart_hashes(warehouse: Path) -> dict[str, tuple[int, int]]:
    """Row count and an order-independent content hash of every mart: equal before and after means analysts
    read exactly the same data."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        marts = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()]  # fmt: skip
        found = {m: con.execute(f"select count(*), bit_xor(hash(t)) from marts.{m} as t").fetchone() for m in marts}
    return found  # type: ignore[return-value]


def copy_warehouse(warehouse: Path, folder: Path) -> Path:
    """A copy of a built warehouse in `folder`, to break without touching the original."""
    copy = folder / "c360.duckdb"
    shutil.copy(warehouse, copy)
    return copy


def corrupted_raw(out: Path, system: str, table: str, select: str) -> Path:
    """A copy of the sample's raw files in `out` with one table rewritten by `select` (over `source`)."""
    shutil.copytree(RAW, out)
    with duckdb.connect() as con:
        con.execute(f"create table source as select * from read_parquet('{RAW / system / table}.parquet')")
        con.execute(f"copy ({select}) to '{out / system / table}.parquet' (format parquet)")
    return out


def write_text_bytes(
    path: Path, column: str, index: int, value: bytes, text_type: pa.DataType | None = None
) -> pa.Table:
    """Rewrite one value of a Parquet text column as raw bytes, as a writer that did not check its text is
    UTF-8 would store them; returns the table as it was."""
    text_type = text_type or pa.string()
    table = pq.read_table(path)
    values = [None if v is None else v.encode() for v in table.column(column).to_pylist()]
    values[index] = value
    binary = pa.large_binary() if pa.types.is_large_string(text_type) else pa.binary()
    broken = pa.array(values, binary).view(text_type)
    pq.write_table(table.set_column(table.schema.get_field_index(column), pa.field(column, text_type), broken), path)
    return table


def _read_any(path: Path) -> str:
    """The DuckDB reader of a resolve input or output, by its extension (every CSV column as text)."""
    if path.suffix.lower() == ".csv":
        return f"read_csv('{path}', all_varchar = true)"
    return f"read_parquet('{path}')"


def pairwise_precision_recall(resolve_input: Path, resolved: Path) -> tuple[float, float]:
    """Pairwise precision and recall of a `c360 resolve` output against the `person_id` column of its input,
    scored by the project's own evaluation (for files that mark no twins or households)."""
    con = duckdb.connect()
    con.execute(
        f"""
        create table resolved as
        select source_system, '' as source_table, source_record_id, customer_id, person_id
        from {_read_any(resolved)} as output
        inner join {_read_any(resolve_input)} as given using (source_system, source_record_id)
        """
    )
    predicted = con.sql("select source_system, source_table, source_record_id, customer_id from resolved")
    truth = con.sql("select source_system, source_table, source_record_id, person_id from resolved")
    persons = con.sql(
        "select distinct person_id, null::varchar as household_id, null::varchar as twin_group_id from resolved"
    )
    scored = evaluate(predicted.to_arrow_table(), truth.to_arrow_table(), persons.to_arrow_table())
    return scored.pairwise_precision, scored.pairwise_recall
