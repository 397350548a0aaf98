"""Accuracy of a resolution against the generator's truth: pairwise and B-cubed precision and recall,
the two over-merges that matter most (twins, household members) and, given the scored pairs, the stage at
which each missed pair was lost."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path

import duckdb
import pyarrow as pa


@dataclass(frozen=True)
class Evaluation:
    """Figures of one evaluation."""

    records: int
    ambiguous_records: int
    true_persons: int
    predicted_customers: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    twin_pairs: int
    merged_twin_pairs: int
    merged_twin_share: float
    merged_household_member_pairs: int
    # Where recall is lost (only when the scored pairs are given): each missed pair (one person, two
    # customers) by the best score kept for those two records.
    missed_pairs: int | None = None
    missed_pairs_unscored: int | None = None
    missed_pairs_below_link_threshold: int | None = None
    missed_pairs_at_link_threshold: int | None = None

    def as_dict(self) -> dict[str, float | int]:
        """Plain dict (for JSON and tables)."""
        return asdict(self)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def truth_of_records(truth_dir: Path, raw_dir: Path) -> pa.Table:
    """Truth keyed like the identity records (`source_system`, `source_table`, `source_record_id`,
    `person_id`): web events collapse to one record per logged-in user id."""
    con = duckdb.connect()
    return con.sql(
        f"""
        select source_system, source_table, source_record_id, person_id
        from read_parquet('{truth_dir / "person_records.parquet"}')
        where source_system <> 'web'
        union all
        select distinct 'web', 'users', trim(events.user_id), truth.person_id
        from read_parquet('{truth_dir / "person_records.parquet"}') as truth
        join read_parquet('{raw_dir / "web" / "events.parquet"}') as events
            on truth.source_system = 'web' and truth.source_record_id = events.message_id
        where events.user_id is not null
        """
    ).to_arrow_table()


def predicted_from_warehouse(warehouse: Path) -> pa.Table:
    """The resolution stored in a built warehouse, keyed like the truth (and by `record_key`)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql(
            """
            select records.source_system, records.source_table, records.source_record_id, records.record_key,
                clustered.customer_id
            from identity.int_person_records_prepared as records
            join identity.int_person_records_clustered as clustered using (record_key)
            """
        ).to_arrow_table()


def scored_pairs_from_warehouse(warehouse: Path) -> pa.Table:
    """The scored pairs stored in a built warehouse (for where recall was lost)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql(
            "select record_key_l, record_key_r, match_probability from identity.int_person_pairs_scored"
        ).to_arrow_table()


def empty_evaluation_table() -> pa.Table:
    """The evaluation table of a build that is not evaluated (real data has no truth): no rows."""
    types = {"data_dir": pa.string()} | {
        f.name: pa.int64() if str(f.type).startswith("int") else pa.float64() for f in fields(Evaluation)
    }
    return pa.table({name: pa.array([], type=t) for name, t in types.items()})


def evaluation_table(
    records: pa.Table, clustered: pa.Table, pairs: pa.Table, link_threshold: float, data_dir: Path | None
) -> pa.Table:
    """One-row table of the figures, for the warehouse (`records`: the prepared identity records,
    `clustered`: record_key -> customer_id, `pairs`: the scored pairs, `link_threshold`: the clustering's);
    no rows when `data_dir` is None."""
    if data_dir is None:
        return empty_evaluation_table()
    con = duckdb.connect()
    con.register("records", records)
    con.register("clustered", clustered)
    predicted = con.sql(
        """
        select records.source_system, records.source_table, records.source_record_id, records.record_key,
            clustered.customer_id
        from records join clustered using (record_key)
        """
    ).to_arrow_table()
    figures = evaluate_against_truth(predicted, data_dir, pairs, link_threshold).as_dict()
    row = {"data_dir": [str(data_dir)]} | {key: [value] for key, value in figures.items()}
    return pa.Table.from_pydict(row, schema=empty_evaluation_table().schema)


def predicted_from_resolve_output(path: Path) -> pa.Table:
    """A `c360 resolve` output of an exported data set (source_system = '<system>.<table>'), keyed like
    the truth."""
    return (
        duckdb.connect()
        .sql(
            f"""
        select split_part(source_system, '.', 1) as source_system, split_part(source_system, '.', 2) as source_table,
               cast(source_record_id as varchar) as source_record_id, customer_id
        from '{path}'
        """
        )
        .to_arrow_table()
    )


def evaluate_against_truth(
    predicted: pa.Table, data_dir: Path, pairs: pa.Table | None = None, link_threshold: float | None = None
) -> Evaluation:
    """Evaluate `predicted` against the truth of a generated data set (`data_dir`/raw, `data_dir`/truth);
    `pairs` and `link_threshold` as in `evaluate`."""
    truth = truth_of_records(data_dir / "truth", data_dir / "raw")
    persons = duckdb.read_parquet(str(data_dir / "truth" / "persons.parquet")).to_arrow_table()
    return evaluate(predicted, truth, persons, pairs, link_threshold)


def _recall_loss(con: duckdb.DuckDBPyConnection, link_threshold: float) -> dict[str, int]:
    """Each missed pair of `joined` (one person, two customers) by the best score kept for its two records
    in `pairs`."""
    row = con.execute(
        """
        with missed as (
            select a.record_key as key_l, b.record_key as key_r
            from joined as a
            join joined as b on a.person_id = b.person_id and a.record_key < b.record_key
            where a.customer_id <> b.customer_id
        ),
        best as (
            select
                least(record_key_l, record_key_r) as key_l,
                greatest(record_key_l, record_key_r) as key_r,
                max(match_probability) as match_probability
            from pairs
            group by all
        )
        select
            count(*),
            count(*) filter (where best.match_probability is null),
            count(*) filter (where best.match_probability < $threshold),
            count(*) filter (where best.match_probability >= $threshold)
        from missed
        left join best using (key_l, key_r)
        """,
        {"threshold": link_threshold},
    ).fetchone()
    assert row is not None
    names = (
        "missed_pairs",
        "missed_pairs_unscored",
        "missed_pairs_below_link_threshold",
        "missed_pairs_at_link_threshold",
    )
    return dict(zip(names, map(int, row), strict=True))


def evaluate(
    predicted: pa.Table,
    truth: pa.Table,
    persons: pa.Table,
    pairs: pa.Table | None = None,
    link_threshold: float | None = None,
) -> Evaluation:
    """Score `predicted` (`source_system`, `source_table`, `source_record_id`, `customer_id`) against
    `truth` (same keys with `person_id`) and `persons` (`person_id`, `household_id`, `twin_group_id`).
    Records present in only one of the two are left out, and so are records the truth gives to several
    persons (a login shared by a family): no resolution can be right about them; they are counted.

    Given the scored pairs (`pairs`: `record_key_l`, `record_key_r`, `match_probability`; `predicted` then
    also has `record_key`) and the clustering's `link_threshold`, each missed pair is also put down to
    where it was lost: never scored (no blocking rule compared the two records, or the score fell below
    the kept minimum), scored below the link threshold, or scored at or above it yet left apart (a
    clustering guard or a steward's cannot-link refused the link)."""
    if (pairs is None) != (link_threshold is None):
        raise ValueError("evaluate: give both the scored pairs and the link threshold, or neither")
    con = duckdb.connect()
    con.register("predicted", predicted)
    con.register("truth", truth)
    con.register("persons", persons)
    if pairs is not None:
        con.register("pairs", pairs)
    con.execute(
        """
        create table truth_of_record as
        select source_system, source_table, source_record_id, any_value(person_id) as person_id,
            count(distinct person_id) > 1 as is_ambiguous
        from truth
        group by all
        """
    )
    con.execute(
        f"""
        create table joined as
        select p.customer_id, t.person_id{", p.record_key" if pairs is not None else ""}
        from predicted as p
        join truth_of_record as t using (source_system, source_table, source_record_id)
        where not t.is_ambiguous
        """
    )
    ambiguous = con.execute(
        """
        select count(*) from predicted join truth_of_record using (source_system, source_table, source_record_id)
        where is_ambiguous
        """
    ).fetchone()
    row = con.execute(
        """
        with cells as (select customer_id, person_id, count(*) as n from joined group by all),
        clusters as (select customer_id, count(*) as n from joined group by all),
        people as (select person_id, count(*) as n from joined group by all)
        select
            (select count(*) from joined),
            (select count(*) from people),
            (select count(*) from clusters),
            (select sum(n * (n - 1) / 2) from cells),
            (select sum(n * (n - 1) / 2) from clusters),
            (select sum(n * (n - 1) / 2) from people),
            (select sum(cells.n * cells.n / clusters.n) from cells join clusters using (customer_id)),
            (select sum(cells.n * cells.n / people.n) from cells join people using (person_id))
        """
    ).fetchone()
    assert row is not None
    records, n_people, n_clusters, tp, predicted_pairs, true_pairs, b_p, b_r = row
    twins, household = con.execute(
        """
        with person_customers as (select distinct person_id, customer_id from joined),
        shared as (
            select a.person_id as person_a, b.person_id as person_b
            from person_customers as a
            join person_customers as b on a.customer_id = b.customer_id and a.person_id < b.person_id
        )
        select
            count(distinct (person_a, person_b)) filter (where pa.twin_group_id = pb.twin_group_id),
            count(distinct (person_a, person_b)) filter (where pa.household_id = pb.household_id)
        from shared
        join persons as pa on pa.person_id = shared.person_a
        join persons as pb on pb.person_id = shared.person_b
        """
    ).fetchone() or (0, 0)
    twin_pairs = con.execute(
        """
        with present as (select distinct person_id from joined)
        select count(*)
        from persons as pa
        join persons as pb on pa.twin_group_id = pb.twin_group_id and pa.person_id < pb.person_id
        where pa.person_id in (select person_id from present) and pb.person_id in (select person_id from present)
        """
    ).fetchone()
    n_twin_pairs = int(twin_pairs[0]) if twin_pairs else 0
    loss: dict[str, int] = {}
    if pairs is not None and link_threshold is not None:
        loss = _recall_loss(con, link_threshold)
    precision = tp / predicted_pairs if predicted_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    bcubed_p, bcubed_r = b_p / records, b_r / records
    return Evaluation(
        records=int(records),
        ambiguous_records=int(ambiguous[0]) if ambiguous else 0,
        true_persons=int(n_people),
        predicted_customers=int(n_clusters),
        pairwise_precision=round(float(precision), 6),
        pairwise_recall=round(float(recall), 6),
        pairwise_f1=round(_f1(float(precision), float(recall)), 6),
        bcubed_precision=round(float(bcubed_p), 6),
        bcubed_recall=round(float(bcubed_r), 6),
        bcubed_f1=round(_f1(float(bcubed_p), float(bcubed_r)), 6),
        twin_pairs=n_twin_pairs,
        merged_twin_pairs=int(twins or 0),
        merged_twin_share=round(int(twins or 0) / n_twin_pairs, 6) if n_twin_pairs else 0.0,
        merged_household_member_pairs=int(household or 0),
        **loss,
    )
