"""Great Expectations gate of the staging layer: identity resolution depends on it."""

from c360.quality.dbt import gate_for_dbt
from c360.quality.gate import Tolerances
from c360.quality.suites import STAGING


def model(dbt, session):
    dbt.config(materialized="table")
    as_of_date = dbt.config.get("as_of_date")
    tolerances = Tolerances(
        volume=float(dbt.config.get("volume_tolerance")), shift=float(dbt.config.get("shift_tolerance"))
    )
    relations = {
        "stg_crm__accounts": dbt.ref("stg_crm__accounts"),
        "stg_crm__contacts": dbt.ref("stg_crm__contacts"),
        "stg_crm__leads": dbt.ref("stg_crm__leads"),
        "stg_shop__customers": dbt.ref("stg_shop__customers"),
        "stg_shop__orders": dbt.ref("stg_shop__orders"),
        "stg_shop__order_lines": dbt.ref("stg_shop__order_lines"),
        "stg_support__tickets": dbt.ref("stg_support__tickets"),
        "stg_marketing__subscribers": dbt.ref("stg_marketing__subscribers"),
        "stg_marketing__email_events": dbt.ref("stg_marketing__email_events"),
        "stg_web__events": dbt.ref("stg_web__events"),
        "stg_quarantine__rows": dbt.ref("stg_quarantine__rows"),
    }
    return gate_for_dbt(dbt, session, "staging", STAGING, relations, as_of_date, tolerances)
