"""Orchestrates one generation run and writes its Parquet files."""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from c360.generator.noise import Columns
from c360.generator.persons import generate_population
from c360.generator.systems import Context, build_crm, build_marketing, build_shop, build_support, build_web

DEFAULT_AS_OF = datetime(2026, 10, 31, 6, 0, tzinfo=UTC)


@dataclass(frozen=True)
class GenerationSummary:
    """What one run wrote: rows per raw table and truth sizes."""

    persons: int
    seed: int
    as_of: datetime
    raw_rows: dict[str, int]
    truth_records: int

    @property
    def total_raw_rows(self) -> int:
        """All raw rows over every table."""
        return sum(self.raw_rows.values())


def _table(cols: Columns) -> pa.Table:
    table = pa.table(cols)
    fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in table.schema]
    return table.cast(pa.schema(fields))


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd")


def generate(persons: int, seed: int, out: Path, as_of: datetime = DEFAULT_AS_OF) -> GenerationSummary:
    """Generate `persons` people and their records in five systems, deterministically for `seed`.

    Args:
        persons: number of real persons to draw.
        seed: any integer; the same seed, size and as-of give byte-identical tables.
        out: folder to write; its `raw/` and `truth/` subfolders are replaced.
        as_of: extraction time: every record lies before it (except planted future timestamps).

    Returns:
        Row counts per raw table.
    """
    if persons < 1:
        raise ValueError("persons must be at least 1")
    population = generate_population(persons, Context(seed, as_of, []).rng("population"), as_of)
    ctx = Context(seed=seed, as_of=as_of, persons=population)
    systems: dict[str, dict[str, Columns]] = {"crm": build_crm(ctx)}
    shop, logins = build_shop(ctx)
    systems["shop"] = shop
    systems["support"] = build_support(ctx)
    systems["marketing"] = build_marketing(ctx)
    systems["web"] = build_web(ctx, logins)

    for sub in ("raw", "truth"):
        shutil.rmtree(out / sub, ignore_errors=True)
    raw_rows: dict[str, int] = {}
    for system, tables in systems.items():
        for name, cols in tables.items():
            table = _table(cols)
            _write(table, out / "raw" / system / f"{name}.parquet")
            raw_rows[f"{system}.{name}"] = table.num_rows
            del cols
    _write_truth(ctx, out / "truth")
    return GenerationSummary(persons, seed, as_of, raw_rows, len(ctx.truth))


def _write_truth(ctx: Context, folder: Path) -> None:
    records = ctx.truth
    _write(
        pa.table(
            {
                "source_system": [r[0] for r in records],
                "source_table": [r[1] for r in records],
                "source_record_id": [r[2] for r in records],
                "person_id": [r[3] for r in records],
            }
        ),
        folder / "person_records.parquet",
    )
    people = [asdict(p) for p in ctx.persons]
    _write(
        pa.table(
            {
                "person_id": [p["person_id"] for p in people],
                "household_id": [p["household_id"] for p in people],
                "twin_group_id": [p["twin_group_id"] for p in people],
                "sex": [p["sex"] for p in people],
                "first_name": [p["first_name"] for p in people],
                "last_name": [p["last_name"] for p in people],
                "former_last_name": [p["former_last_name"] for p in people],
                "birth_date": [p["birth_date"] for p in people],
                "email": [p["email"] for p in people],
                "work_email": [p["work_email"] for p in people],
                "family_email": [p["family_email"] for p in people],
                "country": [p["address"]["country"] for p in people],
                "postal_code": [p["address"]["postal_code"] for p in people],
                "has_moved": [p["previous_address"] is not None for p in people],
            }
        ),
        folder / "persons.parquet",
    )
    log = ctx.log.rows
    _write(
        pa.table(
            {
                "source_system": [r[0] for r in log],
                "source_table": [r[1] for r in log],
                "source_record_id": [r[2] for r in log],
                "noise": [r[3] for r in log],
            }
        ),
        folder / "noise_log.parquet",
    )
    noises = sorted(ctx.log.stated)
    _write(
        pa.table(
            {
                "noise": noises,
                "stated_rate": [ctx.log.stated[n] for n in noises],
                "trials": [ctx.log.trials[n] for n in noises],
                "hits": [ctx.log.hits[n] for n in noises],
            }
        ),
        folder / "noise_rates.parquet",
    )
