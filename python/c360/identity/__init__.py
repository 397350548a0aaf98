"""Identity resolution: Splink (Fellegi-Sunter) scoring, guarded clustering and stable customer ids.

The steps of resolution (training, scoring, the coincidence measures) take a Splink database API
(`splink.DuckDBAPI()`, or a Spark one) and run their SQL there; reliability and clustering work on Arrow
tables. The DuckDB APIs are made by their callers (the dbt models, the benchmark), with
`splink_model.training_duckdb_api` for training. On another backend, the one hand-written query
(`coincidences.place_coincidences`, DuckDB's SQL) would need that backend's dialect. The evaluation against
the generator's truth (`evaluate.py`) is DuckDB only.
"""

from c360.identity.config import IdentityConfig

__all__ = ["IdentityConfig"]
