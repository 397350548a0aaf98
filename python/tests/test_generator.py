"""The generator plants every advertised problem, at its stated rate, deterministically."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from c360.generator import GenerationSummary, generate
from c360.generator.vocab import PLACEHOLDER_EMAILS, PLACEHOLDER_PHONES, nickname_index

Generated = tuple[Path, GenerationSummary]


def _one(db: duckdb.DuckDBPyConnection, sql: str) -> object:
    row = db.execute(sql).fetchone()
    assert row is not None
    return row[0]


def test_same_seed_gives_identical_tables_and_other_seed_differs(tmp_path: Path) -> None:
    first, second, other = (generate(300, seed, tmp_path / name) for seed, name in ((5, "a"), (5, "b"), (6, "c")))
    assert first.raw_rows == second.raw_rows
    for table in (tmp_path / "a").rglob("*.parquet"):
        twin = tmp_path / "b" / table.relative_to(tmp_path / "a")
        assert pq.read_table(table).equals(pq.read_table(twin)), table
    assert other.raw_rows != first.raw_rows


def test_five_systems_and_every_table_are_written(generated: Generated) -> None:
    out, summary = generated
    expected = {
        "crm.accounts", "crm.contacts", "crm.leads", "crm.opportunities", "shop.customers", "shop.orders",
        "shop.order_lines", "support.tickets", "marketing.subscribers", "marketing.email_events", "web.events",
    }  # fmt: skip
    assert set(summary.raw_rows) == expected
    assert all(count > 0 for count in summary.raw_rows.values())
    assert not list((out / "raw").rglob("*truth*")), "truth must stay out of the raw folder"


def test_every_truth_record_exists_in_its_raw_table(db: duckdb.DuckDBPyConnection) -> None:
    keys = {
        ("crm", "contacts"): ('"Id"', "crm_contacts"),
        ("crm", "leads"): ('"Id"', "crm_leads"),
        ("shop", "customers"): ("id", "shop_customers"),
        ("support", "tickets"): ("ticket_id", "support_tickets"),
        ("marketing", "subscribers"): ("subscriber_hash", "marketing_subscribers"),
        ("web", "events"): ("message_id", "web_events"),
    }
    for (system, table), (key, view) in keys.items():
        missing = _one(
            db,
            f"""select count(*) from truth_person_records as t
            where t.source_system = '{system}' and t.source_table = '{table}'
              and t.source_record_id not in (select cast({key} as varchar) from {view} where {key} is not null)""",
        )
        assert missing == 0, (system, table)


def test_every_noise_occurs_at_its_stated_rate(db: duckdb.DuckDBPyConnection) -> None:
    rows = db.execute("select noise, stated_rate, trials, hits from truth_noise_rates").fetchall()
    noises = {r[0] for r in rows}
    assert {
        "nickname", "first_name_typo", "last_name_typo", "name_swap", "name_case_whitespace", "accent_dropped",
        "placeholder_name", "placeholder_email", "placeholder_phone", "email_plus_tag", "birth_date_transposed",
        "birth_date_off_by_one", "birth_date_year_digit", "birth_date_invalid", "postal_zip4",
        "postal_leading_zero_lost", "missing_primary_key", "duplicate_primary_key", "no_usable_identifier",
        "unparseable_timestamp", "future_timestamp", "orphan_foreign_key", "negative_amount",
    } <= noises  # fmt: skip
    for noise, rate, trials, hits in rows:
        assert hits > 0, noise
        sigma = math.sqrt(rate * (1 - rate) / trials)
        assert abs(hits / trials - rate) <= 4.5 * sigma + 1e-9, (noise, rate, hits, trials)


def test_nicknames_appear_in_place_of_given_names(db: duckdb.DuckDBPyConnection) -> None:
    rows = db.execute(
        """select lower(trim(c."FirstName")), lower(p.first_name) from truth_noise_log as n
        join truth_person_records as r using (source_system, source_table, source_record_id)
        join truth_persons as p using (person_id)
        join crm_contacts as c on c."Id" = n.source_record_id
        where n.noise = 'nickname' and n.source_table = 'contacts'"""
    ).fetchall()
    assert rows
    index = nickname_index()
    known = sum(1 for shown, true in rows if shown in index.get(true, ()))
    assert known / len(rows) > 0.8  # the rest carry a further typo or swap


def test_swapped_names_mixed_case_whitespace_and_accents(db: duckdb.DuckDBPyConnection) -> None:
    swapped = _one(
        db,
        """select count(*) from truth_noise_log as n
        join truth_person_records as r using (source_system, source_table, source_record_id)
        join truth_persons as p using (person_id)
        join shop_customers as c on cast(c.id as varchar) = n.source_record_id
        where n.noise = 'name_swap' and lower(trim(c.first_name)) = lower(p.last_name)""",
    )
    assert swapped > 0
    assert _one(db, "select count(*) from shop_customers where first_name <> trim(first_name)") > 0
    assert _one(db, "select count(*) from shop_customers where first_name = upper(first_name)") > 0
    accented = 'select count(*) from crm_contacts where regexp_matches("LastName" || "FirstName", \'[^\\x00-\\x7F]\')'
    assert _one(db, accented) > 0


def test_name_changes_and_moves_show_in_older_records(db: duckdb.DuckDBPyConnection) -> None:
    counts = dict(db.execute("select noise, count(*) from truth_noise_log group by noise").fetchall())
    assert counts.get("former_last_name", 0) > 0
    assert counts.get("previous_address", 0) > 0


def test_phones_come_in_many_formats_and_country_codes(db: duckdb.DuckDBPyConnection) -> None:
    shapes = db.execute(
        """select distinct regexp_replace("Phone", '[0-9]', '9', 'g') from crm_contacts
        where "Phone" is not null"""
    ).fetchall()
    assert len(shapes) >= 10
    prefixes = {r[0] for r in db.execute("select distinct left(phone, 3) from shop_customers").fetchall()}
    assert {"+1 ", "+44", "+49"} & prefixes


def test_birth_dates_come_in_several_formats(db: duckdb.DuckDBPyConnection) -> None:
    def count(view: str, column: str, pattern: str) -> int:
        return int(_one(db, f"select count(*) from {view} where regexp_full_match({column}, '{pattern}')"))

    assert count("crm_contacts", '"Birthdate"', r"\d{4}-\d{2}-\d{2}") > 0
    assert count("crm_contacts", '"Birthdate"', r"\d{2}/\d{2}/\d{4}") > 0
    assert count("marketing_subscribers", "merge_birthday", r"\d{2} [A-Z][a-z]{2} \d{4}") > 0
    # day-first in marketing: some days exceed 12 in the first position
    assert count("marketing_subscribers", "merge_birthday", r"(1[3-9]|2\d|3[01])/\d{2}/\d{4}") > 0


def test_households_share_surname_address_landline_and_sometimes_email(db: duckdb.DuckDBPyConnection) -> None:
    sizes = db.execute(
        """select count(*) filter (where n > 1), count(*) filter (where n > 1 and surnames = 1)
        from (select household_id, count(*) as n, count(distinct last_name) as surnames
              from truth_persons group by household_id)"""
    ).fetchone()
    assert sizes is not None and sizes[0] > 0 and sizes[1] / sizes[0] > 0.6
    shared_email = _one(
        db,
        "select count(*) from (select family_email from truth_persons where family_email is not null "
        "group by family_email having count(*) = 2)",
    )
    assert shared_email > 0
    assert _one(db, "select count(*) from truth_noise_log where noise = 'phone_landline'") > 0


def test_twins_share_surname_birth_date_and_household_but_not_first_name(db: duckdb.DuckDBPyConnection) -> None:
    pairs = db.execute(
        """select count(*), count(distinct household_id), count(distinct birth_date),
                  count(distinct last_name), count(distinct first_name)
        from truth_persons where twin_group_id is not null group by twin_group_id"""
    ).fetchall()
    assert len(pairs) >= 5
    for members, households, births, surnames, firsts in pairs:
        assert (members, households, births, firsts) == (2, 1, 1, 2)
        assert surnames <= 2  # a twin may have married and changed surname
    names = db.execute(
        "select list(lower(first_name) order by person_id) from truth_persons "
        "where twin_group_id is not null group by twin_group_id"
    ).fetchall()
    index = nickname_index()
    for ((a, b),) in names:  # clearly different names: not nicknames of each other
        assert b not in index.get(a, ()) and a not in index.get(b, ())


def test_placeholders_are_shared_by_unrelated_people(db: duckdb.DuckDBPyConnection) -> None:
    emails = "', '".join(PLACEHOLDER_EMAILS)
    people = _one(
        db,
        f"""select count(distinct r.person_id) from crm_contacts as c
        join truth_person_records as r on r.source_table = 'contacts' and r.source_record_id = c."Id"
        where lower(trim(c."Email")) in ('{emails}')""",
    )
    assert people >= 3
    phones = "', '".join(PLACEHOLDER_PHONES)
    assert _one(db, f"select count(*) from shop_customers where phone in ('{phones}')") > 0


def test_row_problems_are_present(db: duckdb.DuckDBPyConnection) -> None:
    assert _one(db, "select count(*) from shop_orders where id is null") > 0
    assert _one(db, "select count(*) - count(distinct id) from shop_orders") > 0
    assert _one(db, "select count(*) from shop_orders where try_cast(created_at as timestamptz) is null") > 0
    assert _one(db, "select count(*) from shop_orders where try_cast(created_at as timestamptz) > now()") > 0
    assert _one(db, "select count(*) from shop_orders where total_price like '-%'") > 0
    assert (
        _one(
            db,
            "select count(*) from shop_orders "
            "where customer_id not in (select id from shop_customers where id is not null)",
        )
        > 0
    )
    assert (
        _one(
            db,
            """select count(*) from support_tickets where coalesce(trim(requester_name), '') = ''
        and coalesce(trim(requester_email), '') = '' and coalesce(trim(requester_phone), '') = ''""",
        )
        > 0
    )


def test_guest_checkouts_carry_only_an_email(db: duckdb.DuckDBPyConnection) -> None:
    guests = db.execute(
        "select count(*), count(first_name), count(phone), count(email) from shop_customers where tags = 'guest'"
    ).fetchone()
    assert guests is not None and guests[0] > 0 and guests[1] == 0 and guests[2] == 0 and guests[3] > 0


def test_rejects_empty_population(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        generate(0, 1, tmp_path)
