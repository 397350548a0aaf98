"""Shared fixtures: one generated data set per session, read with DuckDB; the sample warehouse built once.

`make test` runs pytest in two processes (pytest-xdist, `--dist loadgroup`): every test that needs the sample
warehouse, directly or through another fixture, is put in one group, so one process builds it and runs them while
the other takes the rest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from helpers import PROJECT

from c360.build import fail_closed_build
from c360.generator import GenerationSummary, generate

PERSONS = 3000
SEED = 1


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """One pytest-xdist group for the tests whose fixtures include `warehouse`: it is built once."""
    for item in items:
        if "warehouse" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("sample_warehouse"))


@pytest.fixture(scope="session", autouse=True)
def dbt_logs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """dbt's logs of this session (and process) in a temporary folder, not the project's `logs/`."""
    path = tmp_path_factory.mktemp("dbt-logs")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_LOG_PATH", str(path))
        yield path


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
    """The sample warehouse, built once per session as `make build` builds it (`c360 build`: every model,
    test, unit test and gate) into a temporary DuckDB file. Tests that change it work on a copy."""
    tmp = tmp_path_factory.mktemp("warehouse")
    path = tmp / "c360.duckdb"
    outcome = fail_closed_build(PROJECT, path, None, target_dir=tmp / "target")
    if not outcome.promoted:
        pytest.fail(f"the sample build failed (exit {outcome.exit_code}); its results are in {outcome.failed_copy}")
    return path
