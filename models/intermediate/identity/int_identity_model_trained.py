"""Trains the Splink identity model on the prepared person records: one row per comparison level."""

from c360.identity.config import IdentityConfig
from c360.identity.dbt import train_model


def model(dbt, session):
    dbt.config(materialized="table")
    records = dbt.ref("int_person_records_prepared").to_arrow_table()
    return train_model(records, IdentityConfig())
