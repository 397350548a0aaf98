"""Trust under faults: `c360 build` publishes a build only when all of it passed. A SQL error, a failed gate
or a killed process leaves the published warehouse exactly as it was (content hashes of every mart), with no
leftover relations; building twice on the same input gives identical marts and customer ids; bad raw files
give one clear message naming the file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from helpers import (
    NO_UNIT_TESTS,
    PROJECT,
    RAW,
    copy_warehouse,
    corrupted_raw,
    mart_hashes,
    write_text_bytes,
)

from c360.build import fail_closed_build, failed_of, shadow_of


def _leftovers(warehouse: Path) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_name like '%dbt_tmp%'"
            " or table_name like '%dbt_backup%' or table_name like 'quality_gate_%'"
        ).fetchall()]  # fmt: skip


def _ids(warehouse: Path) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(con.execute("select record_key, customer_id from marts.dim_customer_xref").fetchall())  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def published(warehouse: Path) -> Path:
    """The session's sample build (`c360 build`), published; each test works on a copy."""
    return warehouse


def test_a_build_publishes_every_mart_and_leaves_nothing_beside_it(published: Path) -> None:
    assert published.exists() and not shadow_of(published).exists() and not failed_of(published).exists()
    assert len(mart_hashes(published)) == 17  # every mart, the erasure audit included
    assert _leftovers(published) == []


def _project_with(tmp: Path, extra_model: str) -> Path:
    """A copy of the project with one more (faulty) model."""
    copy = tmp / "project"
    for name in ("models", "macros", "seeds", "tests"):
        shutil.copytree(PROJECT / name, copy / name)
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(PROJECT / name, copy / name)
    shutil.copytree(PROJECT / "data" / "sample", copy / "data" / "sample")
    (copy / "models" / "marts" / "customers" / "zz_injected_fault.sql").write_text(extra_model)
    return copy


def test_a_sql_error_late_in_the_build_publishes_nothing(published: Path, tmp_path: Path) -> None:
    warehouse = copy_warehouse(published, tmp_path)
    before = mart_hashes(warehouse)
    # a model that fails after every other mart was rebuilt in the shadow
    project = _project_with(
        tmp_path, "select error('injected fault') as boom from {{ ref('dim_activation_audience') }}\n"
    )
    outcome = fail_closed_build(project, warehouse, None, NO_UNIT_TESTS, target_dir=tmp_path / "target")
    assert outcome.exit_code != 0 and not outcome.promoted
    assert mart_hashes(warehouse) == before
    assert not shadow_of(warehouse).exists() and failed_of(warehouse).exists()
    assert _leftovers(warehouse) == []


def test_a_failed_quality_gate_publishes_nothing_and_keeps_the_results_aside(published: Path, tmp_path: Path) -> None:
    warehouse = copy_warehouse(published, tmp_path)
    before = mart_hashes(warehouse)
    # an export cut short: a fifth of the contacts
    raw = corrupted_raw(
        tmp_path / "raw", "crm", "contacts", "select * from source using sample 20 percent (bernoulli, 3)"
    )
    outcome = fail_closed_build(PROJECT, warehouse, raw, NO_UNIT_TESTS, target_dir=tmp_path / "target")
    assert not outcome.promoted
    assert mart_hashes(warehouse) == before
    with duckdb.connect(str(failed_of(warehouse)), read_only=True) as con:
        failed = con.execute("select layer from quality.validation_results where not has_passed").fetchall()
    assert ("raw",) in failed


def test_a_killed_build_publishes_nothing_and_the_next_build_recovers_and_changes_nothing(
    published: Path, tmp_path: Path
) -> None:
    warehouse = copy_warehouse(published, tmp_path)
    before = mart_hashes(warehouse)
    process = subprocess.Popen(
        [sys.executable, "-m", "c360.cli", "build", "--warehouse", str(warehouse),
         "--", "--target-path", str(tmp_path / "killed"), *NO_UNIT_TESTS],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: dbt and its threads die with it
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not shadow_of(warehouse).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(8)  # well into the models
    assert process.poll() is None, "the build finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert mart_hashes(warehouse) == before
    assert _leftovers(warehouse) == []
    assert shadow_of(warehouse).exists()  # what the killed build left, beside the published file
    # the next build on the same input clears it, and gives identical marts and customer ids
    outcome = fail_closed_build(PROJECT, warehouse, None, NO_UNIT_TESTS, target_dir=tmp_path / "target")
    assert outcome.promoted and not shadow_of(warehouse).exists()
    assert mart_hashes(warehouse) == before
    assert _ids(warehouse) == _ids(published)
    assert _leftovers(warehouse) == []


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("missing", "crm/contacts.parquet: missing"),
        ("truncated", "crm/contacts.parquet: not a readable Parquet file"),
        ("csv", "crm/contacts.parquet: not a readable Parquet file"),
        ("wrong_type", "crm/contacts.parquet: column 'Id' is int64, expected text"),
        ("no_column", "crm/contacts.parquet: column 'Email' is missing"),
    ],
)
def test_bad_raw_files_give_one_clear_message(tmp_path: Path, damage: str, message: str) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    target = raw / "crm" / "contacts.parquet"
    if damage == "missing":
        target.unlink()
    elif damage == "truncated":
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    elif damage == "csv":
        target.write_text("Id,FirstName\n1,Ann\n")
    else:
        wrong_type = "* replace (cast(row_number() over () as bigint) as Id)"
        select = wrong_type if damage == "wrong_type" else "* exclude (Email)"
        source = f"read_parquet('{RAW}/crm/contacts.parquet')"
        with duckdb.connect() as con:
            con.execute(f"copy (select {select} from {source}) to '{target}.tmp' (format parquet)")
        os.replace(f"{target}.tmp", target)
    warehouse = tmp_path / "c360.duckdb"
    completed = subprocess.run(
        [sys.executable, "-m", "c360.cli", "build", "--raw", str(raw), "--warehouse", str(warehouse)],
        cwd=PROJECT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 2
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not warehouse.exists() and not shadow_of(warehouse).exists()


def test_text_that_is_not_utf8_quarantines_its_row_not_the_file(published: Path, tmp_path: Path) -> None:
    shutil.copytree(RAW.parent, tmp_path / "sample")  # the raw files and the truth beside them
    raw = tmp_path / "sample" / "raw"
    target = raw / "crm" / "contacts.parquet"
    table = pq.read_table(target)
    ids = table.column("Id").to_pylist()
    broken_id = next(i for i in ids if i is not None and ids.count(i) == 1)
    surname = table.column("LastName")[ids.index(broken_id)].as_py() or ""
    write_text_bytes(target, "LastName", ids.index(broken_id), surname.encode() + b"\xff")  # ends in 0xFF
    warehouse = copy_warehouse(published, tmp_path)
    completed = subprocess.run(
        [sys.executable, "-m", "c360.cli", "build", "--raw", str(raw), "--warehouse", str(warehouse),
         "--", "--target-path", str(tmp_path / "target"), *NO_UNIT_TESTS],
        cwd=PROJECT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "crm/contacts.parquet: 1 value(s) of column 'LastName' were not UTF-8 text" in completed.stdout
    assert not warehouse.with_name("c360.landing").exists()
    assert target.read_bytes().count(b"\xff") >= 1  # the raw file itself is untouched
    with duckdb.connect(str(warehouse), read_only=True) as con:
        reasons = con.execute(
            "select quarantine_reason from staging.stg_quarantine__rows"
            " where source_table = 'contacts' and source_record_id = ?",
            [broken_id],
        ).fetchall()
        staged = con.execute("select count(*) from staging.stg_crm__contacts where contact_id = ?", [broken_id])
        assert reasons == [("invalid_text_encoding",)] and staged.fetchone() == (0,)
