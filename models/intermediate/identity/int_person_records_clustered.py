"""Clusters the scored pairs (guarded against chaining, steward overrides obeyed) into stable customer ids;
each record also carries the links clustering refused (unnested by int_person_links_refused)."""

from c360.identity.config import IdentityConfig
from c360.identity.dbt import cluster_records_for_dbt, previous_ids, with_refused_links


def model(dbt, session):
    dbt.config(materialized="table")
    outputs = cluster_records_for_dbt(
        records=dbt.ref("int_person_records_prepared").to_arrow_table(),
        pairs=dbt.ref("int_person_pairs_scored").to_arrow_table(),
        asserted_links=dbt.ref("int_person_record_links_asserted").to_arrow_table(),
        overrides=dbt.ref("identity_overrides").to_arrow_table(),
        previous=previous_ids(session, str(dbt.this)),
        config=IdentityConfig(),
        reliability=dbt.ref("int_identity_attributes_measured").to_arrow_table(),
    )
    return with_refused_links(outputs.clusters, outputs.refused_links)
