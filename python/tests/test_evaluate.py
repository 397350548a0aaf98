"""The evaluation's figures on a resolution small enough to count by hand."""

from __future__ import annotations

import pyarrow as pa
import pytest

from c360.identity.evaluate import evaluate

# Person P1 has four records (r1, r2, r3, r7); P2 two (r4, r5); P3 one (r6). P2 and P3 are twins of one
# household. r8 is claimed by two persons (ambiguous), r9 is not in the truth.
TRUTH = {
    "r1": ["P1"], "r2": ["P1"], "r3": ["P1"], "r7": ["P1"],
    "r4": ["P2"], "r5": ["P2"], "r6": ["P3"],
    "r8": ["P1", "P2"],
}  # fmt: skip
# The resolution splits P1 three ways and merges the twins.
PREDICTED = {"r1": "C1", "r2": "C1", "r3": "C2", "r7": "C4", "r4": "C3", "r5": "C3", "r6": "C3", "r8": "C1", "r9": "C9"}
PERSONS = pa.table(
    {
        "person_id": ["P1", "P2", "P3"],
        "household_id": ["H1", "H2", "H2"],
        "twin_group_id": [None, "T1", "T1"],
    }
)


def _keyed(rows: list[tuple[str, str]], value: str) -> pa.Table:
    return pa.table(
        {
            "source_system": ["s"] * len(rows),
            "source_table": ["t"] * len(rows),
            "source_record_id": [key for key, _ in rows],
            value: [v for _, v in rows],
        }
    )


def _inputs() -> tuple[pa.Table, pa.Table]:
    predicted = _keyed(list(PREDICTED.items()), "customer_id")
    predicted = predicted.append_column("record_key", predicted.column("source_record_id"))
    truth = _keyed([(key, person) for key, people in TRUTH.items() for person in people], "person_id")
    return predicted, truth


def test_pairwise_bcubed_twin_and_household_figures() -> None:
    predicted, truth = _inputs()
    figures = evaluate(predicted, truth, PERSONS)
    # true pairs: 6 of P1 + 1 of P2 = 7; predicted pairs: 1 in C1 + 3 in C3 = 4; right: (r1, r2), (r4, r5)
    assert (figures.records, figures.ambiguous_records) == (7, 1)
    assert (figures.true_persons, figures.predicted_customers) == (3, 4)
    assert figures.pairwise_precision == pytest.approx(2 / 4)
    assert figures.pairwise_recall == pytest.approx(2 / 7, abs=1e-6)
    # B-cubed precision per record: 1, 1, 1, 1 (P1's), 2/3, 2/3, 1/3 (C3); recall: 2/4, 2/4, 1/4, 1/4, 1, 1, 1
    assert figures.bcubed_precision == pytest.approx((4 + 5 / 3) / 7, abs=1e-6)
    assert figures.bcubed_recall == pytest.approx(4.5 / 7, abs=1e-6)
    assert (figures.twin_pairs, figures.merged_twin_pairs, figures.merged_twin_share) == (1, 1, 1.0)
    assert figures.merged_household_member_pairs == 1
    assert figures.missed_pairs is None  # no scored pairs given


def test_each_missed_pair_is_put_down_to_its_stage() -> None:
    predicted, truth = _inputs()
    pairs = pa.table(
        {
            "record_key_l": ["r1", "r3", "r1", "r3"],
            "record_key_r": ["r2", "r2", "r3", "r1"],
            "match_probability": [0.99, 0.4, 0.97, 0.5],  # (r1, r3) twice: its best score counts
        }
    )
    figures = evaluate(predicted, truth, PERSONS, pairs, link_threshold=0.95)
    # missed: (r1, r3) scored 0.97 but refused; (r2, r3) scored 0.4; r7 with r1, r2, r3 never scored
    assert figures.missed_pairs == 5
    assert figures.missed_pairs_unscored == 3
    assert figures.missed_pairs_below_link_threshold == 1
    assert figures.missed_pairs_at_link_threshold == 1


def test_scored_pairs_need_the_link_threshold() -> None:
    predicted, truth = _inputs()
    pairs = pa.table({"record_key_l": ["r1"], "record_key_r": ["r2"], "match_probability": [0.99]})
    with pytest.raises(ValueError, match="link threshold"):
        evaluate(predicted, truth, PERSONS, pairs)
