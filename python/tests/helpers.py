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

from c360.project import dbt_argv, find_project_dir

PROJECT = find_project_dir(Path(__file__).parent)
RAW = PROJECT / "data" / "sample" / "raw"


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
