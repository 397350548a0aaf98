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
from splink.internals.splink_dataframe import SplinkDataFrame

from c360.identity.config import IdentityConfig
from c360.identity.model import (
    COMPARISON_COLUMNS,
    DETERMINISTIC_RULES,
    EXACT_AGREEMENT_LEVELS,
    NEW_YEAR_BIRTH_DATE,
    PARTIAL_LEVELS,
    SAME_SURNAME_LEVELS,
    TRAINING_CANDIDATES,
    build_settings,
    prediction_blocking_rules,
    training_rules,
)
from c360.identity.names import aliases
from c360.identity.reliability import measure

MATCH_COLUMNS = (
    "record_key", "source_system", "first_name", "last_name", "email", "phone", "birth_date",
    "street_address", "postal_code", "city",
)  # fmt: skip


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


# Splink estimates the prior from the pairs that deterministic rules find, divided by the share of all
# matches they find. That share is first assumed, then re-estimated from the trained model
# (`deterministic_recall`).
ASSUMED_RECALL = 0.7

REFERENCE_MODEL = Path(__file__).with_name("reference_model.json")


def reference_model(n_records: int) -> TrainedModel:
    """The packaged model, for inputs too small to train on. Its prior (the chance that two random records
    are one person) scales with 1 / records for the same share of duplicates, so it is rescaled."""
    reference = json.loads(REFERENCE_MODEL.read_text())
    settings: dict[str, Any] = reference["settings"]
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


def with_measured_disagreement(settings: dict[str, Any], rates: pa.Table, min_pairs: int) -> dict[str, Any]:
    """Set the m of a comparison's "all other" level to its attribute's measured disagreement rate (one
    measured pair at least, so never zero) where at least `min_pairs` pairs were measured, and scale the m
    of its other levels to keep their sum one."""
    adapted: dict[str, Any] = json.loads(json.dumps(settings))
    comparisons = {comparison["output_column_name"]: comparison for comparison in adapted["comparisons"]}
    for row in rates.to_pylist():
        comparison = comparisons.get(row["attribute"])
        if comparison is None or row["measured_pairs"] < min_pairs:
            continue
        levels = [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]
        rate = max(row["disagreement_rate"], 1.0 / row["measured_pairs"])
        previous = levels[-1].get("m_probability")
        if previous is None or previous >= 1.0:
            continue
        for level in levels[:-1]:
            if level.get("m_probability") is not None:
                level["m_probability"] *= (1.0 - rate) / (1.0 - previous)
        levels[-1]["m_probability"] = rate
    return adapted


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


def with_reference_m(settings: dict[str, Any], reference: dict[str, Any]) -> dict[str, Any]:
    """Give a comparison that no EM session could estimate (no session left it free beside another
    comparison with data: names and phones only, where blocking on the names leaves the phone alone) the m
    of the reference model's levels of the same label, what customer data showed; its u stays the
    input's own. Splink would otherwise score it with its placeholder m (a degenerate session, the other
    way out, trained phone disagreement to m 2e-7, -22 bits). Levels the reference model did not train
    either (a copy of a looser level's m and u, or a partial level's sum) stay untrained here, and are
    filled like this model's own: copied, their m would count twice in `deterministic_recall`."""
    filled: dict[str, Any] = json.loads(json.dumps(settings))
    for comparison in filled["comparisons"]:
        levels = [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]
        trained_m, sampled_u = (
            any(isinstance(level.get(k), int | float) for level in levels) for k in ("m_probability", "u_probability")
        )
        if trained_m or not sampled_u:  # trained, or no data at all (emails in FEBRL): nothing to weigh
            continue
        known = _trained_reference_m(_comparison_levels(reference, comparison["output_column_name"]))
        for level in levels:
            level["m_probability"] = known.get(level.get("label_for_charts"))
    return filled


def _trained_reference_m(levels: list[dict[str, Any]]) -> dict[str, float]:
    """The m of each level of a reference comparison that its training estimated: not a partial level (whose
    m is a sum, or a copy of a stricter level's), and not a copy of a looser level's m and u
    (`fill_untrained_levels`)."""
    values = [level for level in levels if not level.get("is_null_level")]
    known: dict[str, float] = {}
    for i, level in enumerate(values):
        if level.get("label_for_charts") in PARTIAL_LEVELS:
            continue
        pair = (level.get("m_probability"), level.get("u_probability"))
        looser = [(lv.get("m_probability"), lv.get("u_probability")) for lv in values[i + 1 :]
                  if lv.get("label_for_charts") not in PARTIAL_LEVELS]  # fmt: skip
        if pair not in looser and isinstance(pair[0], int | float):
            known[level["label_for_charts"]] = pair[0]
    return known


def present_shares(records: pa.Table, columns: tuple[str, ...] = MATCH_COLUMNS) -> dict[str, float]:
    """The share of records carrying each of `columns` (the matching columns)."""
    n = max(records.num_rows, 1)
    return {column: 1.0 - records.column(column).null_count / n for column in columns}


def deterministic_recall(settings: dict[str, Any], present: dict[str, float]) -> float:
    """The share of true matches that the deterministic rules find, by the trained model: a rule finds a
    matching pair when both records carry each of its columns (`present` share, squared: missing values
    taken as independent of each other) and the pair agrees exactly on them (the m of the levels where
    that column agrees). Rules are taken as independent of each other. Levels the training did not
    reach (no m) count nothing."""
    levels = {
        comparison["output_column_name"]: comparison["comparison_levels"] for comparison in settings["comparisons"]
    }
    missed = 1.0
    for rule in DETERMINISTIC_RULES:
        found = 1.0
        for column in rule:
            comparison, labels = EXACT_AGREEMENT_LEVELS[column]
            agree = sum(
                level.get("m_probability") or 0.0
                for level in levels[comparison]
                if level.get("label_for_charts") in labels
            )
            found *= present.get(column, 0.0) ** 2 * agree
        missed *= 1.0 - found
    return 1.0 - missed


def rescale_prior(settings: dict[str, Any], recall: float) -> dict[str, Any]:
    """Splink estimated the prior assuming the deterministic rules find `ASSUMED_RECALL` of the matches;
    rescale it to the `recall` the trained model gives them (unchanged when that is unknown or zero)."""
    rescaled: dict[str, Any] = json.loads(json.dumps(settings))
    if recall > 0:
        prior = rescaled["probability_two_random_records_match"] * ASSUMED_RECALL / recall
        rescaled["probability_two_random_records_match"] = min(prior, 0.5)
    return rescaled


def pairs_sharing(records: pa.Table, columns: tuple[str, ...]) -> int:
    """How many record pairs agree on every one of `columns` (none null): the pairs a blocking rule on
    them yields."""
    present = records.select(list(columns))
    for column in columns:
        present = present.filter(pc.is_valid(present.column(column)))
    if present.num_rows == 0:
        return 0
    sizes = present.group_by(list(columns)).aggregate([([], "count_all")]).column("count_all")
    return int(pc.sum(pc.divide(pc.multiply(sizes, pc.subtract(sizes, 1)), 2)).as_py() or 0)


def sampling_resolution(sampled_pairs: float, floor: float) -> float:
    """The smallest share a random-sampling u can measure: one pair in all sampled (never below `floor`)."""
    return max(1.0 / sampled_pairs, floor)


def correct_u_for_duplicates(settings: dict[str, Any], sampled_pairs: float, floor: float) -> dict[str, Any]:
    """Remove the true matches from random-sampling u estimates.

    Random pairs are assumed to be non-matches, but customer data holds several records per person, so a
    random pair is a match with probability lambda (the prior), about 1 / persons. For identifiers that
    share a value almost only within one person (email, phone, birth date), that is the same order as
    the true coincidence rate, and uncorrected u halves their evidence. By total probability,
    P(agree) = lambda * m + (1 - lambda) * u, so u = (P(agree) - lambda * m) / (1 - lambda). When that
    excess is within two standard errors of zero (Poisson count of agreeing pairs in the sample), the
    sample cannot tell coincidences from duplicates, and u is set to its resolution: one pair in all
    sampled (never below `floor`).
    """
    corrected: dict[str, Any] = json.loads(json.dumps(settings))
    prior = corrected["probability_two_random_records_match"]
    resolution = sampling_resolution(sampled_pairs, floor)
    for comparison in corrected["comparisons"]:
        levels = comparison["comparison_levels"]
        for level in levels[:-1]:  # the else level absorbs the remainder
            m, u = level.get("m_probability"), level.get("u_probability")
            if m is None or u is None or level.get("is_null_level"):
                continue
            excess = u - prior * m
            standard_error = (u / sampled_pairs) ** 0.5
            level["u_probability"] = (
                max(excess / (1 - prior), resolution) if excess > 2 * standard_error else resolution
            )
        rest = [lv["u_probability"] for lv in levels[:-1] if lv.get("u_probability") and not lv.get("is_null_level")]
        if levels[-1].get("u_probability") is not None:
            levels[-1]["u_probability"] = max(1.0 - sum(rest), floor)
    return corrected


def birth_date_coincidences(records: pa.Table) -> dict[str, float | None]:
    """The chance that two different people share a birth date, from the data's distinct birth dates: the
    sum of squared year shares times the sum of squared (month, day) shares (years and birthdays taken as
    independent), split between the two exact levels: a 1 January (`NEW_YEAR_BIRTH_DATE`: where 15% of the dates are
    one, as in `historical_figures_with_errors_50k`, they are years written as dates) and any other date.
    Counting each date once, a person's duplicate records add nothing. The share of one exact date among
    records, which random-sampling u measures, is mostly its person's own records; once they are removed
    (`correct_u_for_duplicates`) too few coincidences are left in the sample to count, u fell to the
    sample's resolution, and a shared birth date weighed 21 bits where 14 are right (generated data: 4.1e-5
    by this estimate, 4.2e-5 by its truth). None when no record has a birth date."""
    dates = pc.unique(records.column("birth_date").drop_null())
    if len(dates) == 0:
        return {"exact": None, NEW_YEAR_BIRTH_DATE: None}
    years = _squared_shares(pc.year(dates))
    birthdays = pc.strftime(dates, format="%m-%d")
    new_year = float(pc.sum(pc.equal(birthdays, "01-01")).as_py()) / len(dates)
    return {"exact": years * (_squared_shares(birthdays) - new_year**2), NEW_YEAR_BIRTH_DATE: years * new_year**2}


def _squared_shares(values: pa.Array | pa.ChunkedArray) -> float:
    """The sum of each distinct value's squared share of `values`: the chance that two of them, drawn at
    random, are equal."""
    counts = pc.cast(pc.value_counts(values).field("counts"), pa.float64())
    return float(pc.sum(pc.multiply(counts, counts)).as_py()) / len(values) ** 2


def with_u_floor(settings: dict[str, Any], comparison_name: str, label: str, floor: float | None) -> dict[str, Any]:
    """Raise the u of one level of a comparison to at least `floor`; its else level gives up the difference."""
    raised: dict[str, Any] = json.loads(json.dumps(settings))
    if floor is None:
        return raised
    levels = _comparison_levels(raised, comparison_name)
    for level in levels[:-1]:
        u = level.get("u_probability")
        if level.get("label_for_charts") == label and u is not None and u < floor:
            level["u_probability"] = floor
            if levels[-1].get("u_probability") is not None:
                levels[-1]["u_probability"] = max(levels[-1]["u_probability"] - (floor - u), floor)
    return raised


def _comparison_levels(settings: dict[str, Any], comparison_name: str) -> list[dict[str, Any]]:
    """The levels of the comparison named `comparison_name` (none when the model has no such comparison)."""
    for comparison in settings["comparisons"]:
        if comparison["output_column_name"] == comparison_name:
            levels: list[dict[str, Any]] = comparison["comparison_levels"]
            return levels
    return []


INITIAL_LEVEL = ("first_name", "initial matches")


def first_letter_coincidence(records: pa.Table) -> float | None:
    """The chance that two different people's first names begin with the same letter: the sum of squared
    first-letter shares over the first names written out (1 in 13 on our generated names). None when no
    record has a first name of two letters or more."""
    names = records.column("first_name").drop_null()
    written_out = pc.filter(names, pc.greater(pc.utf8_length(names), 1))
    if len(written_out) == 0:
        return None
    return _squared_shares(pc.utf8_slice_codeunits(written_out, 0, 1))


def with_initial_weight(settings: dict[str, Any], coincidence: float | None, resolution: float) -> dict[str, Any]:
    """Weigh an initial that agrees with a first name ("j" / "john") when the training never saw one (data
    without initials, such as the reference model's), instead of leaving it the weight of a disagreement.
    Where one record gives only an initial, it agrees for the same person unless the first name is wrong
    (the m of first-name disagreement) and for two people by coincidence (`coincidence`); that share of
    initials is unknown and cancels out, so the level gets u at the sample's `resolution` and m in that
    ratio: log2((1 - m_disagree) / coincidence), +3.7 bits in the reference model."""
    weighed: dict[str, Any] = json.loads(json.dumps(settings))
    if coincidence is None:
        return weighed
    comparison_name, label = INITIAL_LEVEL
    levels = _comparison_levels(weighed, comparison_name)
    disagree = levels[-1].get("m_probability") if levels else None
    for level in levels[:-1]:
        if level.get("label_for_charts") == label and not _is_trained(level) and disagree is not None:
            level["m_probability"] = resolution * (1.0 - disagree) / coincidence
            level["u_probability"] = resolution
    return weighed


PLACE_COLUMNS = ("street_address", "postal_code", "city")


def place_coincidences(
    db_api: DatabaseAPISubClass, records: pa.Table, min_similarity: float, sample: int = 5000
) -> dict[str, float | None]:
    """For each partial level (`model.PARTIAL_LEVELS`), the chance that two records of different people
    both carry the address column it compares and share its value (like u, a share of all pairs). Two
    records count as different people where their first names are neither similar (Jaro-Winkler at least
    `min_similarity`) nor nicknames of each other: a household's members, or strangers in one postal
    code; one person's duplicates (the bulk of the records sharing a street) do not count. Measured on up
    to `sample` records carrying the column and a written-out first name (drawn by a hash of the record
    key, so it is deterministic), and scaled by the share of records carrying the column, squared. A
    town's customers share a few postal codes; our generated ones hardly ever do. None where fewer than
    two records can be compared. The sample bounds the cost where one value is everyone's (a single
    city): 5,000 records give at most 12.5M pairs, 1.5 s; 20,000 took 20 s and estimated the same."""
    frame = db_api.register(records.select(["record_key", "first_name", "first_name_aliases", *PLACE_COLUMNS]))
    carried = present_shares(records, PLACE_COLUMNS)
    chances: dict[str, float | None] = {}
    try:
        for column in PLACE_COLUMNS:
            query = _DIFFERENT_PEOPLE_SHARING.format(
                records=frame.physical_name, column=column, sample=sample, min_similarity=float(min_similarity)
            )
            result = db_api.query_sql(query)
            assert isinstance(result, SplinkDataFrame)
            row = result.as_record_list()[0]
            result.drop_table_from_database_and_remove_from_cache()
            n, sharing = row["records"], row["sharing_pairs"]
            different_people = n * (n - 1) / 2 - row["same_first_name_pairs"]
            share = sharing / different_people if n > 1 and different_people > 0 else None
            chances[column] = None if share is None else share * carried[column] ** 2
    finally:
        frame.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)
    return {label: chances[partial.column] for label, partial in PARTIAL_LEVELS.items()}


_DIFFERENT_PEOPLE_SHARING = """
    with people as (
        select record_key, first_name, first_name_aliases, {column} as place
        from {records}
        where {column} is not null and length(first_name) > 1
        order by md5(record_key)
        limit {sample}
    ),
    first_names as (
        select count(*) as n from people group by first_name
    )
    select
        (select count(*) from people) as records,
        (select coalesce(sum(n * (n - 1) / 2), 0) from first_names) as same_first_name_pairs,
        (
            select count(*)
            from people as a
            join people as b
                on a.place = b.place and a.record_key < b.record_key
            where jaro_winkler_similarity(a.first_name, b.first_name) < {min_similarity}
                and not list_contains(a.first_name_aliases, b.first_name)
                and not list_contains(b.first_name_aliases, a.first_name)
        ) as sharing_pairs
"""


def with_partial_address_weight(settings: dict[str, Any], coincidences: dict[str, float | None]) -> dict[str, Any]:
    """Weigh a partial level (`model.PARTIAL_LEVELS`): a shared postal code (or city) where one side has
    no street (a newsletter sign-up that gave only a postcode), or a shared address where one side has no
    surname. Where the training never saw such pairs (our generated records carry a whole address or none,
    and a surname), the level weighs what agreeing on that part weighs over all pairs: the summed m and u
    of the levels where it agrees (the next looser level, which `fill_untrained_levels` would give, is a
    disagreement or a postal code shared by two streets). Its u is then at least what chance gives: the
    value's coincidence (`coincidences`) times, where the surnames agree too, the chance of that (the summed
    u of the whole-address same-surname levels), taken as independent. So postal codes a whole town shares
    weigh little."""
    weighed: dict[str, Any] = json.loads(json.dumps(settings))
    levels = {level.get("label_for_charts"): level for level in _comparison_levels(weighed, "surname_address")}
    whole = [label for _, label in SAME_SURNAME_LEVELS if label not in PARTIAL_LEVELS]
    same_surname_u = sum(levels[label]["u_probability"] for label in whole if _is_trained(levels.get(label, {})))
    for label, partial in PARTIAL_LEVELS.items():
        known = [levels[a] for a in partial.agreeing if a in levels and _is_trained(levels[a])]
        if label in levels and not _is_trained(levels[label]) and known:
            levels[label]["m_probability"] = sum(level["m_probability"] for level in known)
            levels[label]["u_probability"] = sum(level["u_probability"] for level in known)
    for label, coincidence in coincidences.items():
        if coincidence is not None:
            chance = coincidence * (same_surname_u if PARTIAL_LEVELS[label].with_surname else 1.0)
            weighed = with_u_floor(weighed, "surname_address", label, chance)
    return weighed


def _is_trained(level: dict[str, Any]) -> bool:
    return all(isinstance(level.get(key), int | float) for key in ("m_probability", "u_probability"))


def fill_untrained_levels(settings: dict[str, Any]) -> dict[str, Any]:
    """Give a level the training never saw (no m or no u: an initial, a postal code shared by different
    streets, in data that has none) the m and u of the next, looser level of its comparison (skipping the
    partial levels, whose weight says nothing about the levels before them). Splink would
    otherwise use its placeholder defaults, which can be strongly positive (a default m over a sampled
    u): a distinction the training data never showed earns no evidence of its own."""
    filled: dict[str, Any] = json.loads(json.dumps(settings))
    for comparison in filled["comparisons"]:
        looser: dict[str, Any] | None = None
        for level in reversed([lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]):
            if not _is_trained(level) and looser is not None:
                level["m_probability"] = looser["m_probability"]
                level["u_probability"] = looser["u_probability"]
            if _is_trained(level) and level.get("label_for_charts") not in PARTIAL_LEVELS:
                looser = level
    return filled


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
