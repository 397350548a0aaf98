"""Identity on held-out public data unlike our generator's (data/benchmarks: FEBRL, no emails or phones,
Australian addresses, its own corruption), through `c360 resolve` as any user would run it: precision
stays at the bar the warehouse gates on, and recall stays above what this code measured (a floor a
regression would break)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from helpers import PROJECT

from c360.identity.evaluate import evaluate
from c360.resolve import resolve_file

BENCHMARKS = PROJECT / "data" / "benchmarks"


def _as_resolve_input(files: list[str], out: Path) -> Path:
    """FEBRL's columns in the `c360 resolve` layout; the truth (person number) stays in source_record_id."""
    selects = " union all ".join(
        f"""
        select
            '{Path(name).stem}' as source_system, trim(rec_id) as source_record_id,
            given_name as first_name, surname as last_name, null as email, null as phone,
            date_of_birth, concat_ws(' ', street_number, address_1) as street_address, suburb as city,
            postcode as postal_code, state, 'AU' as country, null as updated_at
        from read_csv('{BENCHMARKS / name}', all_varchar = true, normalize_names = true)
        """
        for name in files
    )
    duckdb.connect().execute(f"copy ({selects}) to '{out}' (format parquet)")
    return out


def _pairwise(resolved: Path) -> tuple[float, float]:
    """Pairwise precision and recall, scored by the project's own evaluation (FEBRL has no twins or
    households: the person number in the record id is the truth)."""
    con = duckdb.connect()
    con.execute(
        f"""
        create table resolved as
        select source_system, '' as source_table, source_record_id, customer_id,
            regexp_extract(source_record_id, 'rec-(\\d+)', 1) as person_id
        from read_parquet('{resolved}')
        """
    )
    predicted = con.sql("select source_system, source_table, source_record_id, customer_id from resolved")
    truth = con.sql("select source_system, source_table, source_record_id, person_id from resolved")
    persons = con.sql(
        "select distinct person_id, null::varchar as household_id, null::varchar as twin_group_id from resolved"
    )
    scored = evaluate(predicted.to_arrow_table(), truth.to_arrow_table(), persons.to_arrow_table())
    return scored.pairwise_precision, scored.pairwise_recall


@pytest.mark.parametrize(
    ("files", "min_recall"),
    [
        (["febrl3.csv"], 0.74),  # 5,000 records: the packaged reference model (too few to train on)
        (["febrl4a.csv", "febrl4b.csv"], 0.80),  # 10,000 records: trained on the file itself, no emails
    ],
)
def test_public_benchmark_through_resolve(files: list[str], min_recall: float, tmp_path: Path) -> None:
    resolved = tmp_path / "resolved.parquet"
    resolve_file(_as_resolve_input(files, tmp_path / "input.parquet"), resolved, PROJECT)
    precision, recall = _pairwise(resolved)
    print(f"{'+'.join(files)}: pairwise precision {precision:.5f}, recall {recall:.5f}")
    assert precision >= 0.995
    assert recall >= min_recall
