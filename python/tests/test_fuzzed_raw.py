"""Property-based fuzzing of the raw sources through the real dbt build of staging and identity (models
only: the quality gates would, rightly, stop such data before staging): hostile
values everywhere (nulls, empty and very long strings, unicode and emoji, control characters, SQL-looking text,
numbers and impossible dates where text is expected, extreme numbers and timestamps, duplicate and missing
keys), and bytes that are not UTF-8 in text columns (a writer that did not check its text), landed as `c360
build` lands them. The build never crashes on data, and every raw row of every table is staged or quarantined
with a reason: rows read = rows staged + rows quarantined, exactly, per table; every keyed row whose text was
not UTF-8 is quarantined as invalid_text_encoding."""

from __future__ import annotations

import json
import os
import random
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from helpers import RAW, dbt_run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from c360.intake import REPLACEMENT, check_raw, land_raw
from c360.quality.raw_tables import RAW_TABLES

TABLES = {t.relative_path: pq.read_schema(RAW / t.relative_path) for t in RAW_TABLES}
STAGED = {
    "crm/accounts.parquet": "stg_crm__accounts", "crm/contacts.parquet": "stg_crm__contacts",
    "crm/leads.parquet": "stg_crm__leads", "crm/opportunities.parquet": "stg_crm__opportunities",
    "shop/customers.parquet": "stg_shop__customers", "shop/orders.parquet": "stg_shop__orders",
    "shop/order_lines.parquet": "stg_shop__order_lines", "support/tickets.parquet": "stg_support__tickets",
    "marketing/subscribers.parquet": "stg_marketing__subscribers",
    "marketing/email_events.parquet": "stg_marketing__email_events", "web/events.parquet": "stg_web__events",
}  # fmt: skip
KEYS = {t.relative_path: t.key[0] for t in RAW_TABLES}

NASTY = [
    "'; drop table raw; --", "Robert'); DROP TABLE students;--", "1 OR 1=1", "${jndi:ldap://x/a}", "%s%n%x",
    "NULL", "null", "N/A", "none", "-", "0", "-1", "1e309", "NaN", "Infinity", "2023-02-30", "0000-00-00",
    "9999-12-31T99:99:99Z", "13/13/2013", "1970-01-01T00:00:00+25:00", "+00000000000", "test@test.com",
    "a@b", "@@", "😀👨‍👩‍👧‍👦", "\u202emoc.liame@nhoj", "ǅemal Ǆ", "Zoë Ångström-Ñúñez", "\t\n\r", "\x00",
    "\u0007\u001b[31mred", "   ", "O'Brien", 'quote " quote', "back\\slash", "日本語 テキスト", "مرحبا",
]  # fmt: skip

TEXT = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "So"]), max_size=12),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "é", "😀", "x y "]), st.integers(500, 3000)),
)
NOT_UTF8 = st.sampled_from([b"\xff", b"Jos\xe9 Garc\xeda", b"caf\xc3", b"\xed\xa0\x80", b"ok\x80\x80ok"])
INTEGER = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.integers(-3, 3))
NUMBER = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**6), 10**6).map(float))
BOOLEAN = st.one_of(st.none(), st.booleans())
MOMENT = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)),
    st.just(datetime(2026, 10, 31, 6, tzinfo=UTC)),
)


def _pool(field: pa.Field, key: bool) -> st.SearchStrategy[list[Any]]:
    """Hostile values for one column: a drawn pool the table's rows pick from."""
    if key:  # a small pool of keys, so duplicates are common, and missing keys
        keys = st.integers(1, 40)
        value: st.SearchStrategy[Any] = st.one_of(st.none(), keys.map(str) if pa.types.is_string(field.type) else keys)
    elif pa.types.is_timestamp(field.type):
        value = MOMENT
    elif pa.types.is_boolean(field.type):
        value = BOOLEAN
    elif pa.types.is_integer(field.type):
        value = INTEGER
    elif pa.types.is_floating(field.type):
        value = NUMBER
    else:  # one text column in ten also holds bytes that are not UTF-8
        return st.tuples(st.lists(TEXT, min_size=1, max_size=12), st.integers(0, 9), NOT_UTF8).map(
            lambda drawn: [*drawn[0], drawn[2]] if drawn[1] == 0 else drawn[0]
        )
    return st.lists(value, min_size=1, max_size=12)


def _table(path: str) -> st.SearchStrategy[pa.Table]:
    """Many rows cheaply: hypothesis draws each column's pool of hostile values, a row count and a seed; the
    rows pick their values from the pools."""
    schema = TABLES[path]
    pools = st.fixed_dictionaries({f.name: _pool(f, f.name == KEYS[path]) for f in schema})

    def column(field: pa.Field, values: list[Any]) -> pa.Array:
        if not pa.types.is_string(field.type):
            return pa.array(values, field.type)
        as_bytes = [v.encode() if isinstance(v, str) else v for v in values]  # bytes as a careless writer stores them
        return pa.array(as_bytes, pa.binary()).view(pa.string())

    def build(drawn: tuple[dict[str, list[Any]], int, int]) -> pa.Table:
        columns, rows, seed = drawn
        rng = random.Random(seed)
        return pa.Table.from_arrays(
            [column(field, [rng.choice(columns[field.name]) for _ in range(rows)]) for field in schema], schema=schema
        )

    return st.tuples(pools, st.integers(1, 300), st.integers(0, 2**32 - 1)).map(build)


def _keyed_rows_with_lost_text(landed: pa.Table, path: str) -> int:
    """Rows with a key and U+FFFD in some text (bytes that were not UTF-8, or drawn so)."""
    texts = [c for f, c in zip(landed.schema, landed.columns, strict=True) if pa.types.is_string(f.type)]
    return sum(
        1
        for key, *values in zip(landed.column(KEYS[path]).to_pylist(), *(c.to_pylist() for c in texts), strict=True)
        if key is not None and any(REPLACEMENT in (v or "") for v in values)
    )


RAW_SETS = st.fixed_dictionaries({path: _table(path) for path in TABLES})
TRIED: list[int] = []
LOST: list[int] = []


@settings(
    max_examples=int(os.environ.get("C360_FUZZ_EXAMPLES", "6")),
    deadline=None,
    derandomize=True,  # the same hostile sets in every CI run
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(raw_set=RAW_SETS)
def test_hostile_raw_rows_are_staged_or_quarantined_never_lost(raw_set: dict[str, pa.Table], tmp_path: Path) -> None:
    # every set at the same paths (each build on a new file): the raw path dbt gets as a var does not change, so
    # dbt reuses its parse of the project (`partial_parse.msgpack` in the shared target folder)
    run, target = tmp_path / "run", tmp_path / "target"
    shutil.rmtree(run, ignore_errors=True)
    raw = run / "raw"
    for path, table in raw_set.items():
        (raw / path).parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, raw / path)
    landed_raw, _ = land_raw(raw, run / "landing", check_raw(raw))
    warehouse = run / "c360.duckdb"
    completed = dbt_run(
        warehouse, target, "build", "--resource-type", "model", "--resource-type", "seed",
        "--select", "path:seeds", "path:models/staging", "path:models/intermediate/identity",
        "--exclude", "path:models/quality",
        raw=landed_raw,
    )  # fmt: skip
    failures = [r for r in json.loads((target / "run_results.json").read_text())["results"] if r["status"] != "success"]
    assert completed.returncode == 0, [(r["unique_id"], r["message"]) for r in failures] or completed.stdout[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for path, model in STAGED.items():
            system, table = path.removesuffix(".parquet").split("/")
            staged = con.execute(f"select count(*) from staging.{model}").fetchone()
            quarantined = con.execute(
                "select count(*), count(quarantine_reason) from staging.stg_quarantine__rows"
                " where source_system = ? and source_table = ?",
                [system, table],
            ).fetchone()
            assert staged is not None and quarantined is not None
            assert raw_set[path].num_rows == staged[0] + quarantined[0], (
                path,
                raw_set[path].num_rows,
                staged,
                quarantined,
            )
            assert quarantined[0] == quarantined[1]  # every quarantined row has its reason
            lost = con.execute(
                "select count(*) from staging.stg_quarantine__rows where source_system = ? and source_table = ?"
                " and quarantine_reason = 'invalid_text_encoding'",
                [system, table],
            ).fetchone()
            assert lost is not None and lost[0] == _keyed_rows_with_lost_text(pq.read_table(landed_raw / path), path)
            LOST.append(lost[0])
        clustered = con.execute("select count(*) from identity.int_person_records_clustered").fetchone()
        assert clustered is not None
    TRIED.append(sum(t.num_rows for t in raw_set.values()))
    print(
        f"fuzzed raw set {len(TRIED)}: {TRIED[-1]} rows over {len(raw_set)} tables (total {sum(TRIED)}, "
        f"{sum(LOST)} quarantined as invalid_text_encoding)"
    )
