"""Training and scoring with Splink: the only module that talks to Splink's Linker."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from splink import DuckDBAPI, Linker, block_on
from splink.internals.database_api import DatabaseAPISubClass

from c360.identity.coincidences import birth_date_coincidences, first_letter_coincidence, place_coincidences
from c360.identity.config import IdentityConfig
from c360.identity.model import (
    COMPARISON_COLUMNS,
    DETERMINISTIC_RULES,
    DIALECT,
    MATCH_COLUMNS,
    TRAINING_CANDIDATES,
    build_settings,
    prediction_blocking_rules,
    training_rules,
)
from c360.identity.names import aliases
from c360.identity.parameters import (
    ASSUMED_RECALL,
    correct_u_for_duplicates,
    deterministic_recall,
    fill_untrained_levels,
    pairs_sharing,
    present_shares,
    rescale_prior,
    sampling_resolution,
    with_initial_weight,
    with_measured_disagreement,
    with_partial_address_weight,
    with_reference_m,
    with_u_floor,
)
from c360.identity.reliability import measure


@dataclass(frozen=True)
class TrainedModel:
    """A trained Splink model: its settings (JSON-serializable) and one row per comparison level."""

    settings: dict[str, Any]
    parameters: pa.Table


def prepare(records: pa.Table) -> pa.Table:
    """The matching columns in a canonical order (sorted by record key, so any shuffle of the input
    trains and scores identically), plus each first name's nickname aliases."""
    missing = [c for c in MATCH_COLUMNS if c not in records.column_names]
    if missing:
        raise ValueError(f"identity records lack the columns {missing}")
    table = records.select(list(MATCH_COLUMNS)).sort_by("record_key")
    first_names = table.column("first_name").to_pylist()
    alias_lists = [list(aliases(name)) if name else None for name in first_names]
    return table.append_column("first_name_aliases", pa.array(alias_lists, type=pa.list_(pa.string())))


def training_duckdb_api() -> DuckDBAPI:
    """A Splink DuckDB API for training, on one thread: EM's sums then always run in one order and
    training is bit-for-bit reproducible. On several threads their last digits vary from run to run
    (measured: m differs in the 14th digit at 57,750 records, and at a million records two runs gave
    367,771 and 367,768 customers). Scoring is reproducible on any number of threads."""
    connection = duckdb.connect()
    connection.execute("set threads = 1")
    return DuckDBAPI(connection=connection)


def _linker(db_api: DatabaseAPISubClass, records: pa.Table, settings: Any) -> Linker:
    frame = db_api.register(records)
    return Linker(frame, settings, log_level=logging.WARNING)


REFERENCE_MODEL = Path(__file__).with_name("reference_model.json")


def reference_model(n_records: int) -> TrainedModel:
    """The packaged model, for inputs too small to train on. Its prior (the chance that two random records
    are one person) scales with 1 / records for the same share of duplicates, so it is rescaled. Its
    blocking rules are the code's (`model.prediction_blocking_rules`): they are not trained, and a rule
    added since the model was packaged must reach small inputs too."""
    reference = json.loads(REFERENCE_MODEL.read_text())
    settings: dict[str, Any] = reference["settings"]
    rules = build_settings().create_settings_dict(DIALECT)["blocking_rules_to_generate_predictions"]
    settings["blocking_rules_to_generate_predictions"] = rules
    prior = settings["probability_two_random_records_match"] * reference["trained_on_records"] / max(n_records, 2)
    settings["probability_two_random_records_match"] = min(prior, 0.5)
    return TrainedModel(settings=settings, parameters=parameters_table(settings))


def write_reference_model(
    db_api: DatabaseAPISubClass, records: pa.Table, trained_on: str, config: IdentityConfig
) -> Path:
    """Train on `records` (whatever their size) and package the result as the reference model."""
    prepared = prepare(records)
    rules = _rules_for(prepared, config)
    if not rules:
        raise ValueError("these records give no EM session enough pairs: nothing to train a reference model on")
    model = _trained(db_api, prepared, rules, config)
    settings = {k: v for k, v in model.settings.items() if k != "linker_uid"}  # random per linker: left out
    reference = {"settings": settings, "trained_on": trained_on, "trained_on_records": records.num_rows}
    REFERENCE_MODEL.write_text(json.dumps(reference, indent=2) + "\n")
    return REFERENCE_MODEL


def train(db_api: DatabaseAPISubClass, records: pa.Table, config: IdentityConfig) -> TrainedModel:
    """Estimate the model: the prior from deterministic rules, u by seeded random sampling (budget scaled
    to the data; a shared birth date's u is at least what the data's distinct birth dates imply), m by EM
    over the blocking rules the data can feed (`training_rules`), so that every
    comparison the data can train is trained (one without data keeps Splink's default m; its null level
    weighs nothing). Inputs smaller than `config.min_training_records`, or where no training rule
    yields enough pairs, get the packaged reference model instead, calibrated to their own noise
    (`_calibrated_reference_model`)."""
    prepared = prepare(records)
    rules = _rules_for(prepared, config) if prepared.num_rows >= config.min_training_records else []
    if not rules:
        return _calibrated_reference_model(db_api, prepared, config)
    return _trained(db_api, prepared, rules, config)


def _calibrated_reference_model(
    db_api: DatabaseAPISubClass, prepared: pa.Table, config: IdentityConfig
) -> TrainedModel:
    """The reference model with the m of its first-name and birth-date disagreement taken from the input:
    how often those attributes disagree on the input's confident pairs (`reliability.measure`), where
    enough pairs were measured. The reference data's own noise is not the input's: FEBRL's first names
    disagree on 17% of its pairs that share a birth date, the reference data's on 2%. The rest of the
    model (u, the prior, the other m) stays the reference's."""
    model = reference_model(prepared.num_rows)
    rates = measure(score(db_api, prepared, model.settings, config), model.parameters, config)
    settings = with_measured_disagreement(model.settings, rates, config.reliability_min_pairs)
    settings = with_partial_address_weight(
        settings, place_coincidences(db_api, prepared, config.name_conflict_similarity)
    )
    return TrainedModel(settings=settings, parameters=parameters_table(settings))


# A comparison counts as carried by the data, and so as one that an EM session can learn from, when at least
# this share of records carries one of the columns it reads: then at least 1% of pairs have it on both sides.
CARRIED_MIN_SHARE = 0.1


def _rules_for(prepared: pa.Table, config: IdentityConfig) -> list[tuple[str, ...]]:
    """The EM sessions these (prepared) records can feed."""
    counts = {columns: pairs_sharing(prepared, columns) for columns in TRAINING_CANDIDATES}
    present = present_shares(prepared)
    carried = frozenset(
        name for name, read in COMPARISON_COLUMNS.items() if any(present[c] >= CARRIED_MIN_SHARE for c in read)
    )
    return training_rules(counts, config.em_min_pairs, carried)


def _trained(
    db_api: DatabaseAPISubClass, prepared: pa.Table, rules: list[tuple[str, ...]], config: IdentityConfig
) -> TrainedModel:
    """Splink's training of `prepared` records with the EM sessions `rules` (see `train`)."""
    linker = _linker(db_api, prepared, build_settings())
    estimated_prior = sum(pairs_sharing(prepared, columns) for columns in DETERMINISTIC_RULES) > 0
    if estimated_prior:
        linker.training.estimate_probability_two_random_records_match(
            [block_on(*columns) for columns in DETERMINISTIC_RULES], recall=ASSUMED_RECALL
        )  # otherwise Splink's default prior stays (nothing in the data is certain enough to estimate it)
    u_pairs = config.u_pairs(prepared.num_rows)
    # the whole budget is sampled (no early stop), so the u counts have a known denominator
    linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=config.seed, min_count_per_level=None)
    for columns in rules:
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(*columns), max_pairs=config.em_max_pairs
        )
    settings = with_reference_m(linker.misc.save_model_to_json(), reference_model(prepared.num_rows).settings)
    if estimated_prior:
        settings = rescale_prior(settings, deterministic_recall(settings, present_shares(prepared)))
    settings = correct_u_for_duplicates(settings, u_pairs, config.u_floor)
    for label, coincidence in birth_date_coincidences(prepared).items():
        settings = with_u_floor(settings, "birth_date", label, coincidence)
    resolution = sampling_resolution(u_pairs, config.u_floor)
    settings = with_initial_weight(settings, first_letter_coincidence(prepared), resolution)
    settings = with_partial_address_weight(
        settings, place_coincidences(db_api, prepared, config.name_conflict_similarity)
    )
    settings = fill_untrained_levels(settings)
    return TrainedModel(settings=settings, parameters=parameters_table(settings))


def parameters_table(settings: dict[str, Any]) -> pa.Table:
    """One row per comparison level of a trained model: m, u and the match weight they give, and the
    level's `comparison_vector_value` (the gamma_ value scored pairs carry for it)."""
    import math

    rows: dict[str, list[Any]] = {
        k: []
        for k in (
            "comparison_name", "level_index", "comparison_vector_value", "level_label", "sql_condition",
            "m_probability", "u_probability", "match_weight", "is_null_level", "has_tf_adjustments",
        )
    }  # fmt: skip
    for comparison in settings["comparisons"]:
        levels = comparison["comparison_levels"]
        # Splink's gamma_ value of a level: -1 for the null level, the others counting down to 0
        values = iter(range(sum(not level.get("is_null_level", False) for level in levels) - 1, -1, -1))
        for index, level in enumerate(levels):
            m, u = level.get("m_probability"), level.get("u_probability")
            weight = math.log2(m / u) if m and u else None
            rows["comparison_name"].append(comparison["output_column_name"])
            rows["level_index"].append(index)
            rows["comparison_vector_value"].append(-1 if level.get("is_null_level", False) else next(values))
            rows["level_label"].append(level.get("label_for_charts") or level["sql_condition"])
            rows["sql_condition"].append(level["sql_condition"])
            rows["m_probability"].append(m)
            rows["u_probability"].append(u)
            rows["match_weight"].append(weight)
            rows["is_null_level"].append(bool(level.get("is_null_level", False)))
            rows["has_tf_adjustments"].append(bool(level.get("tf_adjustment_column")))
    rows["probability_two_random_records_match"] = [settings["probability_two_random_records_match"]] * len(
        rows["comparison_name"]
    )
    rows["settings_json"] = [json.dumps(settings, sort_keys=True)] * len(rows["comparison_name"])
    return pa.table(rows)


def score(db_api: DatabaseAPISubClass, records: pa.Table, settings: dict[str, Any], config: IdentityConfig) -> pa.Table:
    """Scored candidate pairs at or above `config.score_threshold`, with each comparison's level
    (`gamma_*`), match weight (`mw_*`, and `mw_tf_adj_*` for the frequency adjustment) and the value
    frequencies behind it (`tf_*`), sorted deterministically."""
    prepared = prepare(records)
    linker = _linker(db_api, prepared, settings)
    for column in ("first_name", "last_name"):
        linker.table_management.compute_tf_table(column)
    predictions = linker.inference.predict(threshold_match_probability=config.score_threshold)
    table: pa.Table = predictions.as_pyarrow_table()  # type: ignore[no-untyped-call]
    keep = [
        c
        for c in table.column_names
        if c in ("record_key_l", "record_key_r", "match_probability", "match_weight", "match_key")
        or c.startswith(("gamma_", "mw_", "tf_"))
        or c in ("source_system_l", "source_system_r")
    ]
    table = table.select(keep)
    order = pc.sort_indices(table, [("record_key_l", "ascending"), ("record_key_r", "ascending")])
    return table.take(order)


def blocking_counts(db_api: DatabaseAPISubClass, records: pa.Table) -> list[dict[str, Any]]:
    """Splink's blocking analysis: marginal and cumulative candidate pairs of each prediction rule."""
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    frame = db_api.register(prepare(records))
    return [
        dict(record)
        for record in count_comparisons_from_blocking_rules(
            frame,
            blocking_rules=prediction_blocking_rules(),
            link_type="dedupe_only",
            unique_id_column_name="record_key",
            record_sample_proportion=1.0,
        )
    ]
