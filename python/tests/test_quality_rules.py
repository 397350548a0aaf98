"""Unit tests of the quality gate: comparisons with the previous good build, failures recorded not raised."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from c360.quality.gate import Previous, Tolerances, comparisons, previous_from_results, run_gate
from c360.quality.suites import RAW, Suite


def _results(run: str, at: str, success: bool, count: int) -> list[dict[str, object]]:
    return [
        {"run_id": run, "validated_at": pd.Timestamp(at), "suite_name": "t", "expectation_type": "observed_row_count",
         "column_name": None, "observed_value": str(count), "has_passed": True},
        {"run_id": run, "validated_at": pd.Timestamp(at), "suite_name": "t", "expectation_type": "observed_metric",
         "column_name": "m", "observed_value": str(count / 10), "has_passed": True},
        {"run_id": run, "validated_at": pd.Timestamp(at), "suite_name": "t", "expectation_type": "expect_x",
         "column_name": None, "observed_value": None, "has_passed": success},
    ]  # fmt: skip


def test_the_previous_build_is_the_latest_good_one() -> None:
    frame = pd.DataFrame(
        _results("a", "2026-01-01", True, 100)
        + _results("b", "2026-01-02", False, 5)
        + _results("c", "2025-12-01", True, 1)
    )
    previous = previous_from_results(frame)
    assert previous.row_counts == {"t": 100.0}
    assert previous.metrics == {("t", "m"): 10.0}
    assert previous_from_results(None) == Previous({}, {})


def test_volume_and_shift_bounds_follow_the_tolerances() -> None:
    suite = Suite(name="t", query="", expectations=(), metrics=("m",))
    added = comparisons(suite, pd.DataFrame(), Previous({"t": 100.0}, {("t", "m"): 10.0}), Tolerances(0.5, 0.2))
    volume, shift = (e.configuration.kwargs for e in added)
    assert (volume["min_value"], volume["max_value"]) == (50, 150)
    assert shift["column"] == "m"
    assert (shift["min_value"], shift["max_value"]) == (pytest.approx(8), pytest.approx(12))
    assert comparisons(suite, pd.DataFrame(), Previous({}, {}), Tolerances(0.5, 0.2)) == []


def test_an_unreadable_frame_is_a_failed_result_and_a_bad_value_fails_its_expectation(tmp_path: Path) -> None:
    suite = RAW[0]

    def frame_of(s: Suite) -> pd.DataFrame:
        if s is suite:
            raise OSError("crm/accounts.parquet: not a Parquet file")
        return pd.DataFrame({c: [None] for c in ("Id", "loaded_hours_before_as_of")})

    results = run_gate("raw", RAW[:2], frame_of, Previous({}, {}), Tolerances(0.5, 0.2), tmp_path, "run").to_pandas()
    unreadable = results[results.suite_name == suite.name]
    assert list(unreadable.expectation_type) == ["frame_is_readable"] and not unreadable.has_passed.any()
    assert "not a Parquet file" in unreadable.observed_value.iloc[0]
    contacts = results[(results.suite_name == RAW[1].name) & (results.expectation_type != "observed_row_count")]
    assert not contacts.has_passed.all()  # a null key fails the not-null expectation
    assert (tmp_path / "index.html").exists()


def test_a_raw_key_fails_only_when_more_than_2_percent_of_rows_repeat_one(tmp_path: Path) -> None:
    suite = RAW[0]

    def frame_with(duplicates: int) -> pd.DataFrame:
        keys = [f"k{i}" for i in range(243 - duplicates)] + [f"k{i}" for i in range(duplicates)]
        return pd.DataFrame({"Id": keys, "loaded_hours_before_as_of": [1] * len(keys)})

    def key_results(duplicates: int) -> pd.DataFrame:
        results = run_gate(
            "raw", [suite], lambda _: frame_with(duplicates), Previous({}, {}), Tolerances(0.5, 0.2), tmp_path, "run"
        ).to_pandas()
        return results[results.expectation_type.str.contains("unique")]

    assert len(key_results(0)) == 1  # the one expectation about repeated keys
    # 3 repeated keys in 243 rows: 1.2% of rows are copies (counting both copies of each key made it 2.5%)
    assert key_results(3).has_passed.all()
    assert not key_results(6).has_passed.any()  # 2.5% of rows are copies
