"""Great Expectations gate of the marts: the last check of a build."""

from c360.quality.dbt import gate_for_dbt
from c360.quality.gate import Tolerances
from c360.quality.suites import MARTS


def model(dbt, session):
    dbt.config(materialized="table")
    as_of_date = dbt.config.get("as_of_date")
    tolerances = Tolerances(
        volume=float(dbt.config.get("volume_tolerance")), shift=float(dbt.config.get("shift_tolerance"))
    )
    relations = {
        "dim_customers": dbt.ref("dim_customers"),
        "dim_customer_xref": dbt.ref("dim_customer_xref"),
        "dim_customer_engagement": dbt.ref("dim_customer_engagement"),
        "fct_orders": dbt.ref("fct_orders"),
        "dim_activation_audience": dbt.ref("dim_activation_audience"),
    }
    return gate_for_dbt(dbt, session, "marts", MARTS, relations, as_of_date, tolerances)
