"""customer_id is stable: rebuilding the same input, or the same input shuffled, gives identical ids; so do the
quarantined rows' ids (of exact copies of a row, the same copy is kept)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pyarrow.parquet as pq
from helpers import NO_UNIT_TESTS, RAW, copy_warehouse, dbt_build

# staging and identity, with their tests and gates
IDENTITY_ONLY = ("--select", "+int_identity_events", "--indirect-selection", "cautious", *NO_UNIT_TESTS)


def _ids(warehouse: Path) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(con.execute("select record_key, customer_id from identity.int_person_records_clustered").fetchall())


def _quarantined(warehouse: Path) -> set[tuple[str, str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select quarantined_row_id, quarantine_reason from staging.stg_quarantine__rows").fetchall()
    return set(rows)


def _build(warehouse: Path, raw: Path, target: Path) -> dict[str, str]:
    dbt_build(warehouse, target, *IDENTITY_ONLY, raw=raw)
    return _ids(warehouse)


def _shuffled_copy(raw: Path, out: Path, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    for path in raw.rglob("*.parquet"):
        table = pq.read_table(path)
        target = out / path.relative_to(raw)
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table.take(rng.permutation(table.num_rows)), target)
    shutil.copytree(raw.parent / "truth", out.parent / "truth")
    return out


def test_rebuilds_and_shuffled_input_give_identical_ids(warehouse: Path, tmp_path: Path) -> None:
    rebuilt = copy_warehouse(warehouse, tmp_path)  # the session's sample build, built on an empty file
    first, first_quarantined = _ids(rebuilt), _quarantined(rebuilt)
    again = _build(rebuilt, RAW, tmp_path / "target")  # reads the previous ids
    shuffled_warehouse = tmp_path / "b.duckdb"
    shuffled = _build(shuffled_warehouse, _shuffled_copy(RAW, tmp_path / "shuffled" / "raw", 3), tmp_path / "target")
    assert len(first) > 1000
    assert again == first
    assert shuffled == first
    # the sample has exact copies of rows (a re-sent web event, an order exported twice)
    assert any(reason == "duplicate_primary_key" for _, reason in first_quarantined)
    assert _quarantined(rebuilt) == first_quarantined
    assert _quarantined(shuffled_warehouse) == first_quarantined
    with duckdb.connect(str(rebuilt), read_only=True) as con:
        events = con.execute("select count(*) from identity.int_identity_events").fetchone()
    assert events == (0,)
