"""Identity resolution: Splink (Fellegi-Sunter) scoring, guarded clustering and stable customer ids.

Every function takes a Splink database API (`splink.DuckDBAPI()`, or a Spark one) instead of creating one,
so the same code can run on another backend.
"""

from c360.identity.config import IdentityConfig

__all__ = ["IdentityConfig"]
