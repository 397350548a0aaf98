"""Quality gates stop the layers downstream: a build on deliberately corrupted raw data fails at the gate
of the layer the corruption breaks, every model after that gate is skipped, the marts keep their previous
contents, and the bad rows are in quarantine or the failures in the validation results."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from helpers import NO_UNIT_TESTS, copy_warehouse, corrupted_raw, dbt_run, mart_hashes


def _statuses(target: Path) -> dict[str, str]:
    results = json.loads((target / "run_results.json").read_text())["results"]
    return {r["unique_id"]: r["status"] for r in results}


@pytest.fixture(scope="module")
def good_build(warehouse: Path) -> Path:
    """A warehouse after one good build of the sample (the previous build the gates compare with): the
    session's sample build, copied by each test before it breaks anything."""
    return warehouse


def test_a_truncated_export_stops_the_build_at_the_raw_gate(good_build: Path, tmp_path: Path) -> None:
    warehouse = copy_warehouse(good_build, tmp_path)
    before = mart_hashes(warehouse)
    raw = corrupted_raw(
        tmp_path / "raw", "crm", "contacts", "select * from source using sample 20 percent (bernoulli, 7)"
    )
    completed = dbt_run(warehouse, tmp_path / "target", "build", *NO_UNIT_TESTS, raw=raw)
    statuses = _statuses(tmp_path / "target")
    assert completed.returncode != 0
    assert statuses["model.c360.gate_raw"] == "success"  # the results were written
    gate_tests = {k: v for k, v in statuses.items() if k.startswith("test.c360.gate_passed_gate_raw")}
    assert list(gate_tests.values()) == ["fail"]
    skipped = {k for k, v in statuses.items() if v == "skipped"}
    for model in ("base_crm__contacts", "stg_crm__contacts", "int_person_records_clustered", "dim_customers"):
        assert f"model.c360.{model}" in skipped, model
    assert mart_hashes(warehouse) == before  # analysts still read the last good build
    with duckdb.connect(str(warehouse), read_only=True) as con:
        failed = con.execute(
            "select suite_name, expectation_type from quality.validation_results where not has_passed"
        ).fetchall()
    assert ("crm__contacts", "expect_table_row_count_to_be_between") in failed  # volume vs the last good build


def test_unparseable_orders_stop_the_build_at_the_staging_gate_and_are_quarantined(
    good_build: Path, tmp_path: Path
) -> None:
    warehouse = copy_warehouse(good_build, tmp_path)
    before = mart_hashes(warehouse)
    raw = corrupted_raw(
        tmp_path / "raw", "shop", "orders",
        "select * replace (case when hash(id) % 5 = 0 then 'yesterday-ish' else created_at end as created_at) "
        "from source",
    )  # fmt: skip
    completed = dbt_run(warehouse, tmp_path / "target", "build", *NO_UNIT_TESTS, raw=raw)
    statuses = _statuses(tmp_path / "target")
    assert completed.returncode != 0
    assert [v for k, v in statuses.items() if k.startswith("test.c360.gate_passed_gate_raw")] == ["pass"]
    assert [v for k, v in statuses.items() if k.startswith("test.c360.gate_passed_gate_staging")] == ["fail"]
    assert statuses["model.c360.stg_shop__orders"] == "success"
    for model in ("int_person_records_unioned", "int_person_records_clustered", "fct_orders", "dim_customers"):
        assert statuses[f"model.c360.{model}"] == "skipped", model
    assert mart_hashes(warehouse) == before
    with duckdb.connect(str(warehouse), read_only=True) as con:
        raw_rows = con.execute(f"select count(*) from read_parquet('{raw}/shop/orders.parquet')").fetchone()
        staged = con.execute("select count(*) from staging.stg_shop__orders").fetchone()
        quarantined = con.execute(
            "select count(*) from staging.stg_quarantine__rows where source_table = 'orders'"
            " and quarantine_reason = 'invalid_timestamp'"
        ).fetchone()
        other = con.execute(
            "select count(*) from staging.stg_quarantine__rows where source_table = 'orders'"
            " and quarantine_reason <> 'invalid_timestamp'"
        ).fetchone()
        failed = con.execute(
            "select suite_name, column_name from quality.validation_results where not has_passed and layer = 'staging'"
        ).fetchall()
    assert raw_rows and staged and quarantined and other
    assert raw_rows[0] == staged[0] + quarantined[0] + other[0]  # nothing lost
    assert quarantined[0] > 0.15 * raw_rows[0]
    assert ("quarantine_rates", "quarantined_share") in failed
