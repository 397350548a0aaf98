"""The marts of the sample build: consistent with identity, the README's 360 queries work, consent holds,
and `dbt docs generate` works."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import duckdb
from helpers import PROJECT

from c360.project import dbt_argv

MARTS = (
    "dim_customer_xref", "dim_customers", "dim_customer_attributes", "dim_accounts", "dim_account_contacts",
    "fct_opportunities", "fct_leads", "fct_orders", "fct_order_lines", "fct_support_tickets", "fct_email_events",
    "fct_web_sessions", "fct_customer_touchpoints", "dim_customer_engagement", "dim_customer_segments",
    "dim_activation_audience",
)  # fmt: skip


def _readme_360_statements() -> list[str]:
    readme = (PROJECT / "README.md").read_text()
    section = readme[readme.index("### A customer's 360") :]
    block = re.search(r"```sql\n(.*?)```", section, re.DOTALL)
    assert block, "the README's 360 section has no sql block"
    return [s.strip() for s in block.group(1).split(";") if s.strip()]


def test_every_mart_has_rows_and_agrees_with_identity(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = {m: con.execute(f"select count(*) from marts.{m}").fetchone() for m in MARTS}
        records = con.execute("select count(*) from identity.int_person_records_prepared").fetchone()
        customers = con.execute(
            "select count(distinct customer_id) from identity.int_person_records_clustered"
        ).fetchone()
        attributed = con.execute(
            "select count(*) filter (where customer_id is not null), count(*) from marts.fct_orders"
        ).fetchone()
    assert all(c and c[0] > 0 for c in counts.values()), counts
    assert counts["dim_customer_xref"] == records
    assert counts["dim_customers"] == customers == counts["dim_customer_engagement"]
    assert attributed and attributed[0] / attributed[1] > 0.95  # orders find their customer


def test_the_readme_360_queries_answer_for_one_customer(warehouse: Path) -> None:
    statements = _readme_360_statements()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute(statements[0])  # set variable customer_id
        answered = {}
        for statement in statements[1:]:
            table = re.search(r"from marts\.(\w+)", statement)
            assert table, statement
            answered[table.group(1)] = len(con.execute(statement).fetchall())
    assert set(answered) >= {"dim_customers", "dim_customer_xref", "fct_orders", "dim_customer_engagement"}
    assert answered["dim_customers"] == 1 and answered["dim_customer_engagement"] == 1
    assert answered["dim_customer_xref"] >= 3  # the customer with most records


def test_no_one_who_opted_out_is_in_the_activation_audience(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        opted_out = con.execute(
            """
            select distinct xref.customer_id
            from marts.dim_customer_xref as xref
            join staging.stg_marketing__subscribers as s
                on xref.record_key = 'marketing:subscribers:' || s.subscriber_hash
            where s.subscriber_status = 'unsubscribed'
            """
        ).fetchall()
        audience = {r[0] for r in con.execute("select customer_id from marts.dim_activation_audience").fetchall()}
        raw_emails = con.execute(
            "select count(*) from marts.dim_activation_audience a join marts.dim_customers c using (customer_id) "
            "where a.email_sha256 = c.email or a.email_sha256 <> sha256(c.email)"
        ).fetchone()
    assert opted_out and audience
    assert not audience & {r[0] for r in opted_out}
    assert raw_emails == (0,)


def test_docs_generate_works(warehouse: Path, tmp_path: Path) -> None:
    argv = dbt_argv(PROJECT, "generate", target_dir=tmp_path)
    argv[1:1] = ["docs"]  # `dbt docs generate --project-dir ...`
    completed = subprocess.run(
        argv,
        env={**os.environ, "C360_DUCKDB_PATH": str(warehouse)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-4000:]
    assert (tmp_path / "index.html").exists()
    catalog = (tmp_path / "catalog.json").read_text()
    assert all(f"model.c360.{m}" in catalog for m in MARTS)
