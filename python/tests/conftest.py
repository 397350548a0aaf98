"""Shared fixtures: one generated data set per session, read with DuckDB."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from helpers import dbt_build

from c360.generator import GenerationSummary, generate

PERSONS = 3000
SEED = 1


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerationSummary]:
    """A 3,000-person data set (about 50,000 raw rows), generated once for the session."""
    out = tmp_path_factory.mktemp("generated")
    return out, generate(PERSONS, SEED, out)


@pytest.fixture(scope="session")
def db(generated: tuple[Path, GenerationSummary]) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB with one view per raw and truth table: crm_contacts, truth_persons, ..."""
    out, _ = generated
    con = duckdb.connect()
    for path in sorted((out / "raw").glob("*/*.parquet")):
        con.execute(f"create view {path.parent.name}_{path.stem} as select * from read_parquet('{path}')")
    for path in sorted((out / "truth").glob("*.parquet")):
        con.execute(f"create view truth_{path.stem} as select * from read_parquet('{path}')")
    yield con
    con.close()


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample warehouse, built once per session by `dbt build` into a temporary DuckDB file."""
    tmp = tmp_path_factory.mktemp("warehouse")
    path = tmp / "c360.duckdb"
    dbt_build(path, tmp / "target")
    return path
