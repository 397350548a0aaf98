"""Accuracy of this build's identity resolution against the generator's truth, when the `evaluate_identity`
var is true (a generated data set whose truth folder sits beside its raw folder); no rows otherwise. The
identity quality gate checks the precision floor on it."""

from pathlib import Path

from c360.identity.config import IdentityConfig
from c360.identity.evaluate import evaluation_table


def model(dbt, session):
    dbt.config(materialized="table")
    evaluate = dbt.config.get("evaluate")
    data_dir = dbt.config.get("data_dir")
    return evaluation_table(
        records=dbt.ref("int_person_records_prepared").to_arrow_table(),
        clustered=dbt.ref("int_person_records_clustered").to_arrow_table(),
        pairs=dbt.ref("int_person_pairs_scored").to_arrow_table(),
        link_threshold=IdentityConfig().link_threshold,
        data_dir=Path(data_dir) if evaluate else None,
    )
