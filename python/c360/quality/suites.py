"""The expectation suites of every layer, in one reviewable place.

A suite validates one frame: a table of the layer (a raw source or a model, only the columns it needs) or a
derived frame (a SQL query over the layer, e.g. cluster sizes). `{name}` in a query is replaced by the
relation of that source or model. The gate adds, per suite, the row-count comparison with the previous build
(volume) and the distribution-shift checks of `SHIFT_METRICS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import great_expectations.expectations as gxe
from great_expectations.expectations.expectation import Expectation

from c360.quality.raw_tables import RAW_TABLES, RawTable

E164 = r"^\+[1-9][0-9]{6,14}$"
EMAIL = r"^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$"
SHA256 = r"^[0-9a-f]{64}$"
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


@dataclass(frozen=True)
class Suite:
    """Expectations on one frame of a layer."""

    name: str  # the frame's name in results: a table name or a derived frame's
    query: str  # SQL producing the frame; `{relation}` placeholders are filled by the gate
    expectations: tuple[Expectation, ...]
    track_volume: bool = True  # compare the row count with the previous build's
    metrics: tuple[str, ...] = field(default=())  # numeric columns of a one-row frame tracked for shift


def _raw(table: RawTable) -> Suite:
    """A raw table: the columns staging reads are there (else the frame's query fails, and the gate records
    that), it has rows, its key is (nearly) always present, at most 2% of its rows repeat a key, and it was
    loaded at most 72 hours before the as-of date (freshness against the as-of date, so a rebuild of old
    data checks the same)."""
    key = table.key[0]
    selected = ", ".join(f'"{c}"' for c in (key, *table.column_names))
    return Suite(
        name=table.name,
        query=(
            f"select {selected}, date_diff('hour', _loaded_at, {{as_of}}) as loaded_hours_before_as_of "
            f"from {{{table.name}}}"
        ),
        expectations=(
            gxe.ExpectTableRowCountToBeBetween(min_value=1),
            gxe.ExpectColumnValuesToNotBeNull(column=key, mostly=0.98),
            # at most 2% of rows are later copies of a key (ExpectColumnValuesToBeUnique with mostly would
            # count every copy, the kept one too: 3 duplicated keys in 243 rows failed as 2.5%)
            gxe.ExpectColumnProportionOfUniqueValuesToBeBetween(column=key, min_value=0.98),
            gxe.ExpectColumnMinToBeBetween(column="loaded_hours_before_as_of", max_value=72),
        ),
    )


RAW = [_raw(table) for table in RAW_TABLES]


def _not_null(*columns: str, mostly: float = 1.0) -> tuple[Expectation, ...]:
    return tuple(gxe.ExpectColumnValuesToNotBeNull(column=c, mostly=mostly) for c in columns)


def _key(column: str) -> tuple[Expectation, ...]:
    return (gxe.ExpectColumnValuesToNotBeNull(column=column), gxe.ExpectColumnValuesToBeUnique(column=column))


def _shapes(email: str | None = None, phone: str | None = None) -> tuple[Expectation, ...]:
    found: list[Expectation] = []
    if email:
        found.append(gxe.ExpectColumnValuesToMatchRegex(column=email, regex=EMAIL))
    if phone:
        found.append(gxe.ExpectColumnValuesToMatchRegex(column=phone, regex=E164))
    return tuple(found)


def _birth_dates(column: str = "birth_date") -> tuple[Expectation, ...]:
    return (gxe.ExpectColumnValuesToMatchRegex(column=column, regex=ISO_DATE),)


def _person(model: str, key: str) -> Suite:
    """A staged person table: key, standardized shapes, and null rates of the identity attributes."""
    return Suite(
        name=model,
        query=(
            f"select {key}, email_normalized, phone_e164, cast(birth_date as varchar) as birth_date, "
            f"first_name_normalized from {{{model}}}"
        ),
        expectations=(
            *_key(key),
            *_shapes("email_normalized", "phone_e164"),
            *_birth_dates(),
            # a broken standardizer nulls a whole attribute: most person records keep a first name
            gxe.ExpectColumnValuesToNotBeNull(column="first_name_normalized", mostly=0.5),
        ),
    )


STAGING = [
    _person("stg_crm__contacts", "contact_id"),
    _person("stg_crm__leads", "lead_id"),
    _person("stg_shop__customers", "customer_id"),
    _person("stg_marketing__subscribers", "subscriber_hash"),
    Suite(
        name="stg_support__tickets",
        query="select ticket_id, email_normalized, phone_e164, ticket_status, created_at from {stg_support__tickets}",
        expectations=(
            *_key("ticket_id"),
            *_shapes("email_normalized", "phone_e164"),
            *_not_null("created_at"),
            gxe.ExpectColumnValuesToBeInSet(
                column="ticket_status", value_set=["new", "open", "pending", "solved", "closed"]
            ),
        ),
    ),
    Suite(
        name="stg_shop__orders",
        query="select order_id, total_price_usd, created_at from {stg_shop__orders}",
        expectations=(
            *_key("order_id"),
            *_not_null("created_at"),
            gxe.ExpectColumnValuesToBeBetween(column="total_price_usd", min_value=0),
        ),
    ),
    Suite(
        name="stg_marketing__email_events",
        query="select email_event_id, event_type, occurred_at from {stg_marketing__email_events}",
        expectations=(
            *_key("email_event_id"),
            *_not_null("occurred_at"),
            gxe.ExpectColumnValuesToBeInSet(
                column="event_type", value_set=["send", "open", "click", "bounce", "unsubscribe"]
            ),
        ),
    ),
    Suite(
        name="stg_web__events",
        query="select web_event_id, anonymous_id, occurred_at from {stg_web__events}",
        expectations=(*_key("web_event_id"), *_not_null("occurred_at")),
    ),
    Suite(
        name="referential_integrity",
        query="""
            select
                (select count(*) from {stg_shop__orders}
                 where customer_id not in (select customer_id from {stg_shop__customers})) as orphan_orders,
                (select count(*) from {stg_shop__order_lines}
                 where order_id not in (select order_id from {stg_shop__orders})) as orphan_order_lines,
                (select count(*) from {stg_crm__contacts}
                 where account_id not in (select account_id from {stg_crm__accounts})) as orphan_contacts
        """,
        expectations=tuple(
            gxe.ExpectColumnValuesToBeBetween(column=c, min_value=0, max_value=0)
            for c in ("orphan_orders", "orphan_order_lines", "orphan_contacts")
        ),
        track_volume=False,
    ),
    Suite(
        name="quarantine_rates",
        query="""
            with quarantined as (
                select source_system || '.' || source_table as source_table, count(*) as rows_quarantined
                from {stg_quarantine__rows} group by all
            ),
            staged as (
                select 'crm.contacts' as source_table, count(*) as rows_staged from {stg_crm__contacts}
                union all select 'crm.leads', count(*) from {stg_crm__leads}
                union all select 'shop.customers', count(*) from {stg_shop__customers}
                union all select 'shop.orders', count(*) from {stg_shop__orders}
                union all select 'shop.order_lines', count(*) from {stg_shop__order_lines}
                union all select 'support.tickets', count(*) from {stg_support__tickets}
                union all select 'marketing.subscribers', count(*) from {stg_marketing__subscribers}
                union all select 'marketing.email_events', count(*) from {stg_marketing__email_events}
                union all select 'web.events', count(*) from {stg_web__events}
            )
            select staged.source_table,
                coalesce(rows_quarantined, 0) / (rows_staged + coalesce(rows_quarantined, 0)) as quarantined_share
            from staged left join quarantined using (source_table)
        """,
        # a few percent of rows are always unusable; a jump means a broken export or a broken parser
        expectations=(gxe.ExpectColumnValuesToBeBetween(column="quarantined_share", min_value=0, max_value=0.05),),
        track_volume=False,
    ),
]

CLUSTER_METRICS = ("mean_cluster_size", "singleton_share", "largest_cluster_size", "suppressed_value_share")

IDENTITY = [
    Suite(
        name="int_person_records_prepared",
        query="select record_key, email, phone, first_name, last_name from {int_person_records_prepared}",
        expectations=(
            *_key("record_key"),
            *_shapes("email", "phone"),
            *_not_null("first_name", mostly=0.5),
            *_not_null("last_name", mostly=0.5),
        ),
    ),
    Suite(
        name="int_person_records_clustered",
        query="select record_key, customer_id, match_probability from {int_person_records_clustered}",
        expectations=(
            *_key("record_key"),
            *_not_null("customer_id"),
            gxe.ExpectColumnValuesToBeBetween(column="match_probability", min_value=0, max_value=1),
        ),
    ),
    Suite(
        name="int_person_pairs_scored",
        query="select match_probability from {int_person_pairs_scored}",
        expectations=(gxe.ExpectColumnValuesToBeBetween(column="match_probability", min_value=0, max_value=1),),
    ),
    Suite(
        name="cluster_shape",
        query="""
            with sizes as (
                select customer_id, count(*) as cluster_size from {int_person_records_clustered} group by all
            )
            select
                avg(cluster_size) as mean_cluster_size,
                avg(case when cluster_size = 1 then 1.0 else 0.0 end) as singleton_share,
                max(cluster_size) as largest_cluster_size,
                (select count(*) from {int_identity_values_suppressed})
                / (select count(*) from {int_person_records_prepared}) as suppressed_value_share
            from sizes
        """,
        expectations=(
            # over-merging shows as one giant cluster or far fewer singletons
            gxe.ExpectColumnValuesToBeBetween(column="largest_cluster_size", max_value=50),
            gxe.ExpectColumnValuesToBeBetween(column="singleton_share", min_value=0.05, max_value=0.95),
            gxe.ExpectColumnValuesToBeBetween(column="mean_cluster_size", min_value=1, max_value=10),
            gxe.ExpectColumnValuesToBeBetween(column="suppressed_value_share", max_value=0.01),
        ),
        track_volume=False,
        metrics=CLUSTER_METRICS,
    ),
]


def identity_precision(floor: float) -> Suite:
    """The precision floor of the identity issue, on the evaluation against the generator's truth (no rows,
    and so nothing to check, when the build does not evaluate)."""
    return Suite(
        name="int_identity_resolutions_evaluated",
        query="select pairwise_precision, merged_twin_share from {int_identity_resolutions_evaluated}",
        expectations=(gxe.ExpectColumnValuesToBeBetween(column="pairwise_precision", min_value=floor),),
        track_volume=False,
    )


MARTS = [
    Suite(
        name="dim_customers",
        query="select customer_id, email, phone, cast(birth_date as varchar) as birth_date, "
        "source_record_count from {dim_customers}",
        expectations=(
            *_key("customer_id"),
            *_shapes("email", "phone"),
            *_birth_dates(),
            gxe.ExpectColumnValuesToBeBetween(column="source_record_count", min_value=1),
        ),
    ),
    Suite(
        name="dim_customer_xref",
        query="select record_key, customer_id from {dim_customer_xref}",
        expectations=(*_key("record_key"), *_not_null("customer_id")),
    ),
    Suite(
        name="dim_customer_engagement",
        query="select customer_id, recency_score, email_open_rate, email_click_rate, satisfaction_rate "
        "from {dim_customer_engagement}",
        expectations=(
            *_key("customer_id"),
            gxe.ExpectColumnValuesToBeInSet(column="recency_score", value_set=[1, 2, 3, 4, 5]),
            *(
                gxe.ExpectColumnValuesToBeBetween(column=c, min_value=0, max_value=1)
                for c in ("email_open_rate", "email_click_rate", "satisfaction_rate")
            ),
        ),
    ),
    Suite(
        name="fct_orders",
        query="select order_id, customer_id from {fct_orders}",
        # orders that find no customer: a broken identity or a broken join
        expectations=(*_key("order_id"), *_not_null("customer_id", mostly=0.9)),
    ),
    Suite(
        name="dim_activation_audience",
        query="select customer_id, email_sha256, phone_sha256 from {dim_activation_audience}",
        expectations=(
            *_not_null("customer_id"),
            gxe.ExpectColumnValuesToMatchRegex(column="email_sha256", regex=SHA256),
            gxe.ExpectColumnValuesToMatchRegex(column="phone_sha256", regex=SHA256),
        ),
    ),
]
