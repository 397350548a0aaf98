"""customer_id is stable: rebuilding the same input, or the same input shuffled, gives identical ids; so do the
quarantined rows' ids (of exact copies of a row, the same copy is kept). New persons arriving leave the ids of
the records already there as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pyarrow.parquet as pq
from helpers import NO_UNIT_TESTS, RAW, copy_warehouse, dbt_build

# staging and identity, with their tests and gates
IDENTITY_ONLY = ("--select", "+int_identity_events_logged", "--indirect-selection", "cautious", *NO_UNIT_TESTS)


def _ids(warehouse: Path) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(con.execute("select record_key, customer_id from identity.int_person_records_clustered").fetchall())


def _quarantined(warehouse: Path) -> set[tuple[str, str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select quarantined_row_id, quarantine_reason from staging.stg_quarantine__rows").fetchall()
    return set(rows)


def _build(warehouse: Path, raw: Path, target: Path) -> dict[str, str]:
    dbt_build(warehouse, target, *IDENTITY_ONLY, raw=raw)
    return _ids(warehouse)


def _shuffled_copy(raw: Path, out: Path, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    for path in raw.rglob("*.parquet"):
        table = pq.read_table(path)
        target = out / path.relative_to(raw)
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table.take(rng.permutation(table.num_rows)), target)
    shutil.copytree(raw.parent / "truth", out.parent / "truth")
    return out


# The columns by which a raw table's row carries a person's record (the truth's source_record_id of that
# source table) or refers to one; a shop's order lines go with their orders.
_PERSON_COLUMNS = {
    ("crm", "contacts"): {"Id": "contacts"},
    ("crm", "leads"): {"Id": "leads"},
    ("crm", "opportunities"): {"ContactId": "contacts"},
    ("marketing", "subscribers"): {"subscriber_hash": "subscribers"},
    ("marketing", "email_events"): {"subscriber_hash": "subscribers"},
    ("shop", "customers"): {"id": "customers"},
    ("shop", "orders"): {"customer_id": "customers"},
    ("shop", "order_lines"): {"order_id": "orders"},
    ("support", "tickets"): {"ticket_id": "tickets"},
    ("web", "events"): {"message_id": "events", "user_id": "customers"},
}


def raw_before_persons_arrived(raw: Path, out: Path, share_in_100: int) -> int:
    """A copy of a generated set's raw files in `out` as it was before about `share_in_100` of every hundred
    persons arrived (chosen by a hash of the person id): their records and every row referring to one are left
    out. Returns how many persons were left out."""
    with duckdb.connect() as con:
        con.execute(
            f"""create table arriving as
            select person_id, source_table, source_record_id as id
            from read_parquet('{raw.parent / "truth" / "person_records.parquet"}')
            where hash(person_id) % 100 < {share_in_100}"""
        )
        con.execute(
            f"""insert into arriving
            select null, 'orders', cast(id as varchar) from read_parquet('{raw / "shop" / "orders.parquet"}')
            where cast(customer_id as varchar) in (select id from arriving where source_table = 'customers')"""
        )
        for path in raw.rglob("*.parquet"):
            (out / path.relative_to(raw)).parent.mkdir(parents=True, exist_ok=True)
            columns = _PERSON_COLUMNS.get((path.parent.name, path.stem), {})
            arrives = " or ".join(
                f"cast({column} as varchar) in (select id from arriving where source_table = '{table}')"
                for column, table in columns.items()
            )
            con.execute(
                f"""copy (select * from read_parquet('{path}') where not coalesce({arrives or "false"}, false))
                to '{out / path.relative_to(raw)}' (format parquet)"""
            )
        persons = con.execute("select count(distinct person_id) from arriving").fetchone()
    return persons[0] if persons else 0


def test_rebuilds_and_shuffled_input_give_identical_ids(warehouse: Path, tmp_path: Path) -> None:
    rebuilt = copy_warehouse(warehouse, tmp_path)  # the session's sample build, built on an empty file
    first, first_quarantined = _ids(rebuilt), _quarantined(rebuilt)
    again = _build(rebuilt, RAW, tmp_path / "target")  # reads the previous ids
    shuffled_warehouse = tmp_path / "b.duckdb"
    shuffled = _build(shuffled_warehouse, _shuffled_copy(RAW, tmp_path / "shuffled" / "raw", 3), tmp_path / "target")
    assert len(first) > 1000
    assert again == first
    assert shuffled == first
    # the sample has exact copies of rows (a re-sent web event, an order exported twice)
    assert any(reason == "duplicate_primary_key" for _, reason in first_quarantined)
    assert _quarantined(rebuilt) == first_quarantined
    assert _quarantined(shuffled_warehouse) == first_quarantined
    with duckdb.connect(str(rebuilt), read_only=True) as con:
        events = con.execute("select count(*) from identity.int_identity_events_logged").fetchone()
    assert events == (0,)


def test_new_persons_leave_the_existing_records_ids_as_they_were(tmp_path: Path) -> None:
    before_raw = tmp_path / "before" / "raw"
    arrived = raw_before_persons_arrived(RAW, before_raw, share_in_100=1)
    warehouse = tmp_path / "c360.duckdb"
    before = _build(warehouse, before_raw, tmp_path / "target")
    after = _build(warehouse, RAW, tmp_path / "target")  # the same file: reads the ids `before` gave
    assert arrived >= 10
    assert len(after) > len(before) and before.keys() <= after.keys()
    kept = sum(after[key] == customer_id for key, customer_id in before.items())
    print(f"{arrived} persons arrived; {kept} of {len(before)} records kept their customer_id")
    assert kept >= 0.999 * len(before)
