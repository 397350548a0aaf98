"""Scores candidate record pairs with the trained Splink model (the explanations of every link)."""

from c360.identity.config import IdentityConfig
from c360.identity.dbt import score_pairs


def model(dbt, session):
    dbt.config(materialized="table")
    records = dbt.ref("int_person_records_prepared").to_arrow_table()
    parameters = dbt.ref("int_identity_model_trained").to_arrow_table()
    return score_pairs(records, parameters, IdentityConfig())
