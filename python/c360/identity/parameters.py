"""Adjustments of a trained model's settings where Splink's estimates fall short on customer data: the
prior re-estimated from the trained model, u corrected for the input's own duplicates and floored at what the
data can resolve, m taken from the reference model or measured on the input where training cannot see it."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from c360.identity.model import (
    DETERMINISTIC_RULES,
    EXACT_AGREEMENT_LEVELS,
    MATCH_COLUMNS,
    PARTIAL_LEVELS,
    SAME_SURNAME_LEVELS,
)

# Splink estimates the prior from the pairs that deterministic rules find, divided by the share of all
# matches they find. That share is first assumed, then re-estimated from the trained model
# (`deterministic_recall`).
ASSUMED_RECALL = 0.7


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
