"""How often one person's records disagree on their first name or birth date, measured on the input's own
scored pairs. Clustering treats such a disagreement on its own as a contradiction only where it is rare.

The trained m of the "all other" level says the same thing, but only for data the model was trained on: a
small input scored with the packaged reference model would inherit the reference data's reliability. The
scored pairs are measured for every input, whichever model scored them."""

from __future__ import annotations

import math

import pyarrow as pa
import pyarrow.compute as pc

from c360.identity.clustering import Contradictions
from c360.identity.config import IdentityConfig
from c360.identity.names import person_names_compatible, same_script

# Each attribute is measured on the pairs that agree on the other one: household members share surname,
# address, landline and family email but neither first name nor birth date, so they drop out of both
# measures; what stays is the attribute's own noise (and the rare twins, for first names).
MEASURED: tuple[tuple[str, str], ...] = (("first_name", "birth_date"), ("birth_date", "first_name"))

SCHEMA = pa.schema(
    [
        ("attribute", pa.string()),
        ("confirmed_by", pa.string()),
        ("measured_pairs", pa.int64()),
        ("disagreeing_pairs", pa.int64()),
        ("disagreement_rate", pa.float64()),
        ("conflicting_pairs", pa.int64()),
        ("conflict_rate", pa.float64()),
        ("is_reliable", pa.bool_()),
    ]
)


def _log2_odds(probability: float) -> float:
    return math.log2(probability / (1.0 - probability))


def _lowest_weight(parameters: pa.Table, comparison: str) -> float | None:
    """The most negative match weight a level of `comparison` gives (its disagreement), from the trained
    parameters table."""
    weights = [
        weight
        for name, weight, is_null in zip(
            parameters.column("comparison_name").to_pylist(),
            parameters.column("match_weight").to_pylist(),
            parameters.column("is_null_level").to_pylist(),
            strict=True,
        )
        if name == comparison and not is_null and weight is not None
    ]
    return min(weights) if weights else None


def _disagreeing(pairs: pa.Table, attribute: str, confirmed_by: str, min_weight: float) -> tuple[int, pa.Table]:
    """(measured pairs, the disagreeing ones) for one attribute: both records carry it, the other attribute
    agrees at some level, and the pair's evidence without this attribute is at least `min_weight`. Splink's
    levels count down to 0, its "all other comparisons" level, so 0 is a disagreement."""
    needed = {f"gamma_{attribute}", f"gamma_{confirmed_by}", f"mw_{attribute}", "match_weight"}
    if pairs.num_rows == 0 or not needed <= set(pairs.column_names):
        return 0, pairs.slice(0, 0)
    own = pairs.column(f"mw_{attribute}")
    if f"mw_tf_adj_{attribute}" in pairs.column_names:
        own = pc.add(own, pc.fill_null(pairs.column(f"mw_tf_adj_{attribute}"), 0.0))
    kept = pc.and_(
        pc.and_(
            pc.greater_equal(pairs.column(f"gamma_{attribute}"), 0),
            pc.greater(pairs.column(f"gamma_{confirmed_by}"), 0),
        ),
        pc.greater_equal(pc.subtract(pairs.column("match_weight"), own), min_weight),
    )
    measured = pairs.filter(pc.fill_null(kept, False))
    return measured.num_rows, measured.filter(pc.equal(measured.column(f"gamma_{attribute}"), 0))


def _conflicting(
    disagreeing: pa.Table, attribute: str, records: pa.Table | None, min_similarity: float
) -> tuple[int, int]:
    """(conflicting, uncomparable): how many disagreeing pairs clustering would read as a conflict, and how
    many are names in two scripts, which no one can compare (`names.same_script`: "محمد" against
    "mohammed"), so they are evidence of nothing and leave the measure. Splink's first-name levels do not
    know every name rule clustering does: names swapped between the fields ("fortin" / "tegan margaret"
    against "tegan" / "fortin", as a credit bureau's SURNAME FIRST MIDDLE is read), a nickname, a typo of
    one (`names.person_names_compatible`). A pair so reconciled is no contradiction, and counting it would
    make a file whose sources swap names look as if its first names were noise. Any other disagreement,
    and every birth-date one, is a conflict; without the records, every disagreement is."""
    needed = {"record_key", "first_name", "last_name"}
    if attribute != "first_name" or records is None or not needed <= set(records.column_names):
        return int(disagreeing.num_rows), 0
    if disagreeing.num_rows == 0:
        return 0, 0
    left, right = disagreeing.column("record_key_l"), disagreeing.column("record_key_r")
    keys = pc.unique(pa.chunked_array([*left.chunks, *right.chunks], type=left.type))
    named = records.filter(
        pc.is_in(records.column("record_key"), value_set=keys.cast(records.column("record_key").type))
    )
    names = {
        row["record_key"]: (row["first_name"], row["last_name"])
        for row in named.select(["record_key", "first_name", "last_name"]).to_pylist()
    }
    conflicts = uncomparable = 0
    for key_l, key_r in zip(left.to_pylist(), right.to_pylist(), strict=True):
        (first_l, last_l), (first_r, last_r) = names.get(key_l, (None, None)), names.get(key_r, (None, None))
        if first_l and first_r and not same_script(first_l, first_r):
            uncomparable += 1
        elif not (first_l and first_r and person_names_compatible(first_l, last_l, first_r, last_r, min_similarity)):
            conflicts += 1
    return conflicts, uncomparable


def measure(pairs: pa.Table, parameters: pa.Table, config: IdentityConfig, records: pa.Table | None = None) -> pa.Table:
    """One row per attribute: the pairs measured, the share that disagree at Splink's levels, the share
    that conflict as clustering reads them (`_conflicting`, which needs the `records` for their names;
    first names in two scripts are not measured), and
    whether the attribute is reliable: at most `config.reliable_max_disagreement` of the measured pairs
    disagree, or at most `config.reliable_max_conflict` conflict, or too few pairs to tell (then it is
    assumed reliable, which keeps its guard).

    A pair is measured when its evidence without the attribute makes it a match at
    `config.reliability_min_probability`, and also keeps it above `config.score_threshold` (so in the
    scored pairs) whatever the attribute's level: otherwise the pairs that disagree, which weigh least,
    would be missing from the measure and a noisy attribute would look reliable."""
    rows = []
    for attribute, confirmed_by in MEASURED:
        lowest = _lowest_weight(parameters, attribute)
        min_weight = _log2_odds(config.reliability_min_probability)
        if lowest is not None:
            min_weight = max(min_weight, _log2_odds(config.score_threshold) - lowest)
        measured, disagreeing = _disagreeing(pairs, attribute, confirmed_by, min_weight)
        conflicting, uncomparable = _conflicting(disagreeing, attribute, records, config.name_conflict_similarity)
        measured, disagreed = measured - uncomparable, disagreeing.num_rows - uncomparable
        rate = disagreed / measured if measured else None
        conflict_rate = conflicting / measured if measured else None
        reliable = (
            measured < config.reliability_min_pairs
            or (rate or 0.0) <= config.reliable_max_disagreement
            or (conflict_rate or 0.0) <= config.reliable_max_conflict
        )
        rows.append((attribute, confirmed_by, measured, disagreed, rate, conflicting, conflict_rate, reliable))
    return pa.Table.from_pylist([dict(zip(SCHEMA.names, row, strict=True)) for row in rows], schema=SCHEMA)


def contradictions_from(reliability: pa.Table) -> Contradictions:
    """The disagreements that are contradictions, from a `measure` table."""
    reliable = dict(
        zip(reliability.column("attribute").to_pylist(), reliability.column("is_reliable").to_pylist(), strict=True)
    )
    return Contradictions(
        first_names_reliable=bool(reliable.get("first_name", True)),
        birth_dates_reliable=bool(reliable.get("birth_date", True)),
    )
