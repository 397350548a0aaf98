"""Identity resolution: Splink (Fellegi-Sunter) scoring, guarded clustering and stable customer ids.

Every function that runs SQL takes a Splink database API (`splink.DuckDBAPI()`, or a Spark one) and runs
it there; none opens a connection of its own (the dbt models and the benchmark, which call them, create the
DuckDB ones). The rest works on Arrow tables. On another backend, the one hand-written query
(`coincidences.place_coincidences`, DuckDB's SQL) would need that backend's dialect.
"""

from c360.identity.config import IdentityConfig

__all__ = ["IdentityConfig"]
