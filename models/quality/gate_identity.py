"""Great Expectations gate of the identity layer (incl. the precision floor): the marts depend on it."""

from c360.quality.dbt import gate_for_dbt
from c360.quality.gate import Tolerances
from c360.quality.suites import IDENTITY, identity_precision


def model(dbt, session):
    dbt.config(materialized="table")
    as_of_date = dbt.config.get("as_of_date")
    tolerances = Tolerances(
        volume=float(dbt.config.get("volume_tolerance")), shift=float(dbt.config.get("shift_tolerance"))
    )
    relations = {
        "int_person_records_prepared": dbt.ref("int_person_records_prepared"),
        "int_person_records_clustered": dbt.ref("int_person_records_clustered"),
        "int_person_pairs_scored": dbt.ref("int_person_pairs_scored"),
        "int_identity_values_suppressed": dbt.ref("int_identity_values_suppressed"),
        "int_identity_resolutions_evaluated": dbt.ref("int_identity_resolutions_evaluated"),
    }
    suites = [*IDENTITY, identity_precision(float(dbt.config.get("precision_floor")))]
    return gate_for_dbt(dbt, session, "identity", suites, relations, as_of_date, tolerances)
