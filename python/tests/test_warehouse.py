"""`dbt build` of the committed sample: every model, dbt test and unit test passes, and nothing is lost."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from helpers import RAW, copy_warehouse, dbt_run

STAGED = {
    ("crm", "accounts"): "stg_crm__accounts",
    ("crm", "contacts"): "stg_crm__contacts",
    ("crm", "leads"): "stg_crm__leads",
    ("crm", "opportunities"): "stg_crm__opportunities",
    ("shop", "customers"): "stg_shop__customers",
    ("shop", "orders"): "stg_shop__orders",
    ("shop", "order_lines"): "stg_shop__order_lines",
    ("support", "tickets"): "stg_support__tickets",
    ("marketing", "subscribers"): "stg_marketing__subscribers",
    ("marketing", "email_events"): "stg_marketing__email_events",
    ("web", "events"): "stg_web__events",
}


def test_every_raw_row_is_staged_or_quarantined(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for (system, table), model in STAGED.items():
            raw = con.execute(f"select count(*) from '{RAW / system / table}.parquet'").fetchone()
            staged = con.execute(f"select count(*) from staging.{model}").fetchone()
            quarantined = con.execute(
                "select count(*) from staging.stg_quarantine__rows where source_system = ? and source_table = ?",
                [system, table],
            ).fetchone()
            assert raw and staged and quarantined
            assert raw[0] == staged[0] + quarantined[0], (system, table, raw, staged, quarantined)
            assert staged[0] > 0


def test_quarantine_explains_every_planted_row_problem(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        reasons = {
            r[0] for r in con.execute("select distinct quarantine_reason from staging.stg_quarantine__rows").fetchall()
        }
        raw_json = con.execute("select count(*) from staging.stg_quarantine__rows where raw_row is null").fetchone()
    assert reasons == {
        "missing_primary_key", "duplicate_primary_key", "no_usable_identifier", "invalid_timestamp",
        "future_timestamp", "orphan_foreign_key", "negative_amount",
    }  # fmt: skip
    assert raw_json == (0,)


def test_placeholders_never_become_identifiers(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        leaked = con.execute(
            """select count(*) from staging.stg_crm__contacts
            where email_normalized in ('test@test.com', 'noemail@none.com') or phone_e164 = '+10000000000'
               or first_name_normalized in ('n a', 'unknown')"""
        ).fetchone()
        flagged = con.execute(
            "select count(*) filter (where is_email_placeholder), count(*) filter (where is_phone_placeholder) "
            "from staging.stg_shop__customers"
        ).fetchone()
    assert leaked == (0,)
    assert flagged is not None and flagged[0] > 0 and flagged[1] > 0


def test_the_sample_build_scores_identity_against_its_truth(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select records, pairwise_precision, pairwise_recall, merged_twin_pairs"
            " from identity.int_identity_resolutions_evaluated"
        ).fetchall()
        missed = con.execute(
            "select missed_pairs, missed_pairs_unscored + missed_pairs_below_link_threshold"
            " + missed_pairs_at_link_threshold from identity.int_identity_resolutions_evaluated"
        ).fetchall()
        gate = con.execute(
            "select has_passed from quality.gate_identity where suite_name = 'int_identity_resolutions_evaluated'"
            " and expectation_type = 'expect_column_values_to_be_between'"
        ).fetchall()
    assert len(rows) == 1
    records, precision, recall, twins = rows[0]
    assert records > 5000 and precision >= 0.99 and recall > 0.85 and twins == 0
    assert missed[0][0] > 0 and missed[0][0] == missed[0][1]  # every missed pair put down to one stage
    assert gate == [(True,)]  # the identity gate checked the precision floor on it


def test_each_scored_pair_explains_its_weight(warehouse: Path) -> None:
    """The per-comparison match weights of a scored pair, with the prior's, add up to its match weight."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        weights = [
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns"
                " where table_name = 'int_person_pairs_scored' and column_name like 'mw\\_%' escape '\\'"
            ).fetchall()
        ]
        comparisons = [
            c
            for (c,) in con.execute(
                "select distinct comparison_name from identity.int_identity_model_trained"
            ).fetchall()
        ]
        summed = " + ".join(f"coalesce({c}, 0)" for c in weights)
        pairs, worst = con.execute(
            f"select count(*), max(abs(match_weight - ({summed}) - log2(prior / (1 - prior))))"
            " from identity.int_person_pairs_scored, (select any_value(probability_two_random_records_match)"
            " as prior from identity.int_identity_model_trained)"
        ).fetchone() or (0, None)
    assert {f"mw_{c}" for c in comparisons} <= set(weights)
    assert pairs > 1000 and worst is not None and worst < 1e-9


def test_training_is_reproducible_to_the_last_digit(warehouse: Path) -> None:
    """Two trainings on the same records give the same model, float for float (one thread for EM)."""
    from dataclasses import replace

    from c360.identity.config import IdentityConfig
    from c360.identity.splink_model import reference_model, train, training_duckdb_api

    with duckdb.connect(str(warehouse), read_only=True) as con:
        records = con.sql("select * from identity.int_person_records_prepared").to_arrow_table()
    config = replace(IdentityConfig(), min_training_records=1000)  # the sample is below the usual bar
    first, second = (train(training_duckdb_api(), records, config).settings for _ in range(2))
    reference = reference_model(records.num_rows).settings
    assert first["probability_two_random_records_match"] != reference["probability_two_random_records_match"]
    for settings in (first, second):
        settings.pop("linker_uid", None)
    assert first == second


def test_the_override_checks_fail_on_a_disobeyed_override_and_warn_on_an_unknown_record(
    warehouse: Path, tmp_path: Path
) -> None:
    """The singular tests in tests/intermediate/identity check the clustering against the steward overrides
    on every build; the sample's seed is empty, so here a copy of its warehouse gets overrides, two of them
    disobeyed, one exempt (a must-link apart that clustering refused for a cannot-link) and one naming a
    record no build saw."""
    copy = copy_warehouse(warehouse, tmp_path)
    with duckdb.connect(str(copy)) as con:
        together = con.execute(
            "select min(record_key), max(record_key) from identity.int_person_records_clustered"
            " group by customer_id having count(*) > 1 order by customer_id limit 2"
        ).fetchall()
        e, f, g = (row[0] for row in con.execute(
            "select min(record_key) from identity.int_person_records_clustered"
            " group by customer_id order by customer_id limit 3"
        ).fetchall())  # fmt: skip
        (a, b), (c, d) = together
        overrides = [
            (a, b, "must_link"),  # obeyed
            (e, f, "cannot_link"),  # obeyed
            (c, d, "cannot_link"),  # disobeyed: one customer
            (e, g, "must_link"),  # disobeyed: two customers, no refusal
            (f, g, "must_link"),  # apart, refused for a cannot-link below
            (a, "crm:contacts:no-such-record", "must_link"),  # unknown record
        ]
        con.executemany(
            "insert into reference.identity_overrides values (?, ?, ?, 'steward@example.com', 'test', now())",
            overrides,
        )
        con.execute(
            "insert into identity.int_person_links_refused values (?, ?, 1.0, 'steward', 'cannot_link')", [g, f]
        )
    target = tmp_path / "target"
    completed = dbt_run(
        copy, target, "test", "--select", "assert_steward_overrides_are_obeyed",
        "assert_steward_overrides_name_known_records",
    )  # fmt: skip
    results = json.loads((target / "run_results.json").read_text())["results"]
    outcome = {
        r["unique_id"].split(".")[2]: (r["status"], r["failures"])
        for r in results
        if r["unique_id"].startswith("test.")
    }
    assert outcome == {
        "assert_steward_overrides_are_obeyed": ("fail", 2),
        "assert_steward_overrides_name_known_records": ("warn", 1),
    }, completed.stdout[-3000:]
    assert completed.returncode == 1
