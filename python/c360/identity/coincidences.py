"""Chances of coincidence measured on the input itself (two different people sharing a birth date, an
initial, a street or postal code), which floor the u of levels that random sampling sees too rarely."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from splink.internals.database_api import DatabaseAPISubClass
from splink.internals.splink_dataframe import SplinkDataFrame

from c360.identity.model import NEW_YEAR_BIRTH_DATE, PARTIAL_LEVELS
from c360.identity.parameters import present_shares


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


def first_letter_coincidence(records: pa.Table) -> float | None:
    """The chance that two different people's first names begin with the same letter: the sum of squared
    first-letter shares over the first names written out (1 in 13 on our generated names). None when no
    record has a first name of two letters or more."""
    names = records.column("first_name").drop_null()
    written_out = pc.filter(names, pc.greater(pc.utf8_length(names), 1))
    if len(written_out) == 0:
        return None
    return _squared_shares(pc.utf8_slice_codeunits(written_out, 0, 1))


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
