"""Identity on held-out public data unlike our generator's (data/benchmarks: FEBRL, no emails or phones,
Australian addresses, its own corruption; Splink's fake_1000, British, with emails and heavily garbled
birth dates), through `c360 resolve` as any user would run it: precision stays at the bar the warehouse
gates on, and recall stays above what this code measured (a floor a regression would break)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from helpers import PROJECT, pairwise_precision_recall

from c360.resolve import resolve_file

BENCHMARK_DIR = PROJECT / "data" / "benchmarks"


def _febrl(files: list[str]) -> str:
    """FEBRL's columns in the `c360 resolve` layout; the person number is in the record id
    (`rec-<n>-org`, `rec-<n>-dup-<k>`)."""
    return " union all ".join(
        f"""
        select
            '{Path(name).stem}' as source_system, trim(rec_id) as source_record_id,
            given_name as first_name, surname as last_name, null as email, null as phone,
            date_of_birth, concat_ws(' ', street_number, address_1) as street_address, suburb as city,
            postcode as postal_code, state, 'AU' as country, null as updated_at,
            regexp_extract(rec_id, 'rec-(\\d+)', 1) as person_id
        from read_csv('{BENCHMARK_DIR / name}', all_varchar = true, normalize_names = true)
        """
        for name in files
    )


def _fake_1000() -> str:
    """Splink's fake_1000 in the `c360 resolve` layout; its `cluster` is the person."""
    return f"""
        select
            'fake' as source_system, unique_id as source_record_id, first_name, surname as last_name, email,
            null as phone, dob as date_of_birth, null as street_address, city, null as postal_code,
            null as state, 'GB' as country, null as updated_at, cluster as person_id
        from read_csv('{BENCHMARK_DIR / "fake_1000.csv"}', all_varchar = true)
    """


def _as_resolve_input(query: str, out: Path) -> Path:
    """The benchmark as a resolve input (the person id is an extra column, which resolve ignores)."""
    duckdb.connect().execute(f"copy ({query}) to '{out}' (format parquet)")
    return out


BENCHMARKS = [
    # FEBRL replaces about one first name in ten with another name. Its first names are unreliable, so a
    # first-name conflict may be outweighed, but not by the birth date alone where the names begin
    # otherwise: that is what twins look like (same surname, address and birth date). Recall went from
    # 0.914 / 0.90176 / 0.88009 / 0.9222 to the figures below when that rule came.
    # 1,000 and 5,000 records: the packaged reference model (too few to train on)
    ("febrl1", _febrl(["febrl1.csv"]), 0.83),  # 0.840 measured
    # A man's and a woman's names stay apart whatever ties them (FEBRL sometimes replaces a name with one
    # of the other sex): FEBRL 2-4 went from 0.80403 / 0.77363 / 0.8534 to the figures below.
    ("febrl2", _febrl(["febrl2.csv"]), 0.795),  # 0.80093 measured, precision 0.99935
    ("febrl3", _febrl(["febrl3.csv"]), 0.765),  # 0.77195 measured
    # 10,000 records: trained on the file itself, no emails; 0.8522 measured
    ("febrl4", _febrl(["febrl4a.csv", "febrl4b.csv"]), 0.845),
    # 1,000 records: the reference model; birth dates disagree for 44% of one person's pairs, first
    # names for 19%, so neither splits clusters alone; 0.6903 measured (0.36 when they did; 0.6066
    # when a shared city weighed no more than a shared surname with no address; 0.6357 without the
    # mistyped-domain blocking rule; 0.6652 while an email of four birth dates under two surnames was junk
    # even where its first names were one name mistyped)
    ("fake_1000", _fake_1000(), 0.68),
]


@pytest.mark.parametrize(("name", "query", "min_recall"), BENCHMARKS, ids=[name for name, *_ in BENCHMARKS])
def test_public_benchmark_through_resolve(name: str, query: str, min_recall: float, tmp_path: Path) -> None:
    resolve_input, resolved = tmp_path / "input.parquet", tmp_path / "resolved.parquet"
    resolve_file(_as_resolve_input(query, resolve_input), resolved, PROJECT)
    precision, recall = pairwise_precision_recall(resolve_input, resolved)
    print(f"{name}: pairwise precision {precision:.5f}, recall {recall:.5f}")
    assert precision >= 0.995
    assert recall >= min_recall
