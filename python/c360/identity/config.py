"""Typed, frozen settings of the identity pipeline."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IdentityConfig:
    """Knobs of training, scoring and clustering; the defaults are the ones measured in the README.

    Attributes:
        seed: seed of Splink's random sampling (u estimation), so training is reproducible.
        min_training_records: below this many records there is too little to train on: the packaged
            reference model (trained on 20,000 generated persons) is used, its prior rescaled.
        u_pairs_per_record: u-sampling budget per input record; the total is clamped to
            [`u_min_pairs`, `u_max_pairs`] so its cost grows with the data but stays bounded.
        em_max_pairs: cap on the pairs each EM session trains on.
        em_min_pairs: an EM session needs at least this many pairs from its blocking rule to be run.
        u_floor: smallest u a level may get after removing true matches from random-sampling u (the
            sample's own resolution, one pair in all sampled, is used when larger).
        score_threshold: pairs scoring below this probability are not kept (neither for
            clustering nor for explanations).
        link_threshold: pairs at or above this probability are candidate links for clustering.
        name_conflict_similarity: two first names below this Jaro-Winkler similarity that share no
            nickname are a contradiction that no other evidence may outweigh.
        reliable_max_disagreement: a first name or birth date is reliable, and its disagreement a
            contradiction that splits clusters on its own, when at most this share of the input's
            confident pairs disagree on it (`reliability.measure`).
        reliable_max_conflict: a first name is reliable also when at most this share of those pairs
            conflict on it: their disagreements are nearly all names that clustering's name rules
            reconcile (names swapped between the fields, nicknames, typos of one), as in an export whose
            credit-bureau source writes SURNAME FIRST MIDDLE. Public sets whose first names are replaced
            by other names (FEBRL, 9-14% conflicting) or mistyped (Splink's fake_1000, 5.4%) stay noisy.
        reliability_min_probability: a pair is confident for that measure when its evidence without the
            measured attribute makes it a match at this probability.
        reliability_min_pairs: with fewer confident pairs than this, an attribute is assumed reliable.
    """

    seed: int = 42
    min_training_records: int = 10000
    u_pairs_per_record: float = 40.0
    u_min_pairs: float = 2e6
    u_max_pairs: float = 1e7
    em_max_pairs: float = 5e6
    em_min_pairs: int = 500
    u_floor: float = 1e-8
    score_threshold: float = 0.05
    link_threshold: float = 0.95
    name_conflict_similarity: float = 0.85
    reliable_max_disagreement: float = 0.1
    reliable_max_conflict: float = 0.025
    reliability_min_probability: float = 0.99
    reliability_min_pairs: int = 30

    def u_pairs(self, n_records: int) -> float:
        """The u-sampling budget for `n_records` input records."""
        return min(max(n_records * self.u_pairs_per_record, self.u_min_pairs), self.u_max_pairs)
