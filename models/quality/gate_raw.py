"""Great Expectations gate of the raw layer: every staging model depends on it."""

from c360.quality.dbt import gate_for_dbt
from c360.quality.gate import Tolerances
from c360.quality.suites import RAW


def model(dbt, session):
    dbt.config(materialized="table")
    as_of_date = dbt.config.get("as_of_date")
    tolerances = Tolerances(
        volume=float(dbt.config.get("volume_tolerance")), shift=float(dbt.config.get("shift_tolerance"))
    )
    relations = {
        "crm__accounts": dbt.source("crm", "accounts"),
        "crm__contacts": dbt.source("crm", "contacts"),
        "crm__leads": dbt.source("crm", "leads"),
        "crm__opportunities": dbt.source("crm", "opportunities"),
        "shop__customers": dbt.source("shop", "customers"),
        "shop__orders": dbt.source("shop", "orders"),
        "shop__order_lines": dbt.source("shop", "order_lines"),
        "support__tickets": dbt.source("support", "tickets"),
        "marketing__subscribers": dbt.source("marketing", "subscribers"),
        "marketing__email_events": dbt.source("marketing", "email_events"),
        "web__events": dbt.source("web", "events"),
    }
    return gate_for_dbt(dbt, session, "raw", RAW, relations, as_of_date, tolerances)
