"""Deterministic generator of raw Customer 360 source data, with the truth kept apart.

`generate()` writes `<out>/raw/<system>/<table>.parquet` (what the warehouse reads) and
`<out>/truth/*.parquet` (who is who; read only by evaluation and tests).
"""

from __future__ import annotations

from c360.generator.core import GenerationSummary, generate

__all__ = ["GenerationSummary", "generate"]
