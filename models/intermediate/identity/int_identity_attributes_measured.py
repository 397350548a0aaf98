"""How often one person's records disagree on first name and birth date, measured on the scored pairs
(and, for first names, how often they conflict as clustering reads the records' names): which
disagreements clustering treats as contradictions."""

from c360.identity.config import IdentityConfig
from c360.identity.reliability import measure


def model(dbt, session):
    dbt.config(materialized="table")
    return measure(
        pairs=dbt.ref("int_person_pairs_scored").to_arrow_table(),
        parameters=dbt.ref("int_identity_model_trained").to_arrow_table(),
        config=IdentityConfig(),
        records=dbt.ref("int_person_records_prepared").to_arrow_table(),
    )
