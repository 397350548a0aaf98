"""Right to be forgotten: after one build with an erasure request, no trace of the person is left anywhere
in the warehouse (no row of any table or view holds their email, phone, record ids or customer id, and the
file's bytes do not hold their email, as they would in free blocks of deleted rows), the
request is audited without personal data, the person stays erased when the same raw files are loaded
again, and no one else's record goes with them (a household's landline stays on the others' records)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from helpers import NO_UNIT_TESTS, PROJECT, copy_warehouse

from c360.build import fail_closed_build


def _traces(warehouse: Path, needles: list[str]) -> list[tuple[str, str, str]]:
    """Every (table, column, needle) where a text column of any table holds a needle: one scan per table."""
    found = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name, list(column_name order by ordinal_position)"
            " from information_schema.columns where data_type = 'VARCHAR' group by all order by all"
        ).fetchall()
        for schema, table, columns in tables:
            checks = [(column, needle) for column in columns for needle in needles]
            tests = ", ".join(f'coalesce(bool_or(contains(lower("{column}"), ?)), false)' for column, _ in checks)
            hits = con.execute(f'select {tests} from "{schema}"."{table}"', [n.lower() for _, n in checks]).fetchone()
            assert hits is not None  # an aggregate gives one row
            found += [(f"{schema}.{table}", c, n) for (c, n), hit in zip(checks, hits, strict=True) if hit]
    return found


@pytest.fixture(scope="module")
def before(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """A copy of the session's sample build and the person to forget: a customer with records in several
    systems, some under another email than the one the request names (found through the previous build's
    customers, then remembered), and a phone or email that someone else in the household carries too."""
    warehouse = copy_warehouse(warehouse, tmp_path_factory.mktemp("erasure"))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        customer_id, email, phone = con.execute(
            """
            with own as (
                select xref.customer_id, records.*
                from identity.int_person_records_unioned as records
                inner join marts.dim_customer_xref as xref on records.record_key = xref.record_key
            )
            select c.customer_id, c.email, c.phone from marts.dim_customers as c
            where c.email is not null and c.phone is not null and c.shop_record_count > 0
                and c.marketing_record_count > 0 and c.web_record_count > 0
                and exists (select 1 from marts.fct_orders as o where o.customer_id = c.customer_id)
            order by
                exists (
                    select 1 from own inner join own as other on other.phone = own.phone
                    where own.customer_id = c.customer_id and other.customer_id != c.customer_id
                        and other.first_name != own.first_name
                ) desc,
                exists (
                    select 1 from own where own.customer_id = c.customer_id and own.source_system != 'web'
                        and own.email is distinct from standardize.email_match_key(standardize.normalize_email(c.email))
                ) desc,
                c.source_record_count desc, c.customer_id
            limit 1
            """
        ).fetchone()  # type: ignore[misc]
        records = con.execute(
            "select source_system, source_table, source_record_id, record_key from marts.dim_customer_xref"
            " where customer_id = ?",
            [customer_id],
        ).fetchall()
        # other people's records that carry the person's phone or an email other than the requested one under
        # another first name (a household's landline, a family's email): they stay
        others = con.execute(
            """
            select distinct others.record_key from identity.int_person_records_unioned as others
            inner join marts.dim_customer_xref as xref on others.record_key = xref.record_key
            inner join identity.int_person_records_unioned as own on own.record_key in (
                select record_key from marts.dim_customer_xref where customer_id = ?
            )
            where xref.customer_id != ? and others.first_name != own.first_name
                and (others.phone = own.phone or others.email = own.email)
                and others.email is distinct from standardize.email_match_key(standardize.normalize_email(?))
            """,
            [customer_id, customer_id, email],
        ).fetchall()
    return warehouse, {
        "customer_id": customer_id, "email": email, "phone": phone, "records": records,
        "others": [key for (key,) in others],
    }  # fmt: skip


def test_an_erased_person_leaves_no_trace_and_stays_erased(
    before: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    warehouse, person = before
    records = person["records"]
    assert isinstance(records, list) and len(records) >= 3
    requests = tmp_path / "erasure_requests.csv"
    # the requester writes the email as they like: it is normalized like identity emails
    requests.write_text(
        "request_id,identifier_type,identifier_value,requested_at\n"
        f"R-1,email,  {str(person['email']).upper()} ,2026-11-01T09:00:00Z\n"
    )
    variables = {"erasure_requests_path": str(requests)}
    with duckdb.connect(str(warehouse)) as con:  # the person's id in the event history of an earlier build
        con.execute(
            "insert into identity.int_identity_events_logged by name select 'event-of-the-person' as identity_event_id,"
            " 'split_from' as event_type, ? as customer_id, 'C0000000000000000' as related_customer_id,"
            " 2 as record_count, timestamp '2026-10-01 00:00:00' as event_at",
            [person["customer_id"]],
        )
    others = person["others"]
    assert isinstance(others, list) and others, "the person shares no value with anyone: pick another"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        phone_shared = con.execute(
            "select count(*) > 0 from identity.int_person_records_unioned where phone = ? and record_key in ?",
            [person["phone"], others],
        ).fetchone() == (True,)
    # a phone other people carry too stays on their records; the email, ids and record keys go everywhere
    needles = [str(person["email"]), str(person["customer_id"])] + ([] if phone_shared else [str(person["phone"])])
    needles += [key for *_, key in records if not key.startswith("web:users:")]
    person_rows = [r for r in records if r[0] != "web"]  # a web user's rows are its events, erased and remembered
    email = str(person["email"]).lower().encode()
    assert email in warehouse.read_bytes().lower()  # stored as plain bytes: the file scan below can see it
    for build in (1, 2):  # the second build loads the same raw files again
        outcome = fail_closed_build(
            PROJECT, warehouse, None, NO_UNIT_TESTS, variables=variables, target_dir=tmp_path / f"t{build}"
        )
        assert outcome.promoted, f"build {build} failed"
        assert _traces(warehouse, needles) == [], f"traces after build {build}"
        # nor in the file's bytes: deleted rows do not linger in free blocks of the published file
        assert email not in warehouse.read_bytes().lower(), f"the email's bytes are in the file after build {build}"
        with duckdb.connect(str(warehouse), read_only=True) as con:
            audit = con.execute(
                "select request_id, identifier_type, erased_person_record_count, erased_row_count, is_verified"
                " from marts.fct_erasure_requests"
            ).fetchall()
            for system, table, record_id, _ in records:
                staged = con.execute(
                    "select count(*) from identity.int_person_records_unioned"
                    " where source_system = ? and source_table = ? and source_record_id = ?",
                    [system, table, record_id],
                ).fetchone()
                assert staged == (0,), (system, table, record_id)
            kept = con.execute(
                "select count(*) from identity.int_person_records_unioned where record_key in ?", [others]
            ).fetchone()
            assert kept == (len(others),), f"other people's records were erased in build {build}"
            remembered = con.execute(
                "select count(*) from staging.stg_privacy__erased_record_digests where erased_record_digest in"
                " (select sha256(unnest(?::varchar[])))",
                [[f"{system}:{table}:{record_id}" for system, table, record_id, _ in person_rows]],
            ).fetchone()
            assert remembered == (len(person_rows),)  # what makes the next build erase them again
        assert len(audit) == 1
        request_id, kind, person_records, rows, verified = audit[0]
        assert (request_id, kind, verified) == ("R-1", "email", True)
        assert person_records >= len(person_rows) and rows > person_records
