"""`c360 build`: a fail-closed build of the warehouse.

Analysts and BI tools read one DuckDB file. dbt replaces each table atomically, but a failure later in a run
does not undo the tables already replaced, so dbt never builds the published file directly: it builds a
shadow copy beside it (`<name>.building.duckdb`, a copy of the published file, so incremental history and
previous customer ids carry over), and only a build in which every model, test and quality gate passed is
promoted, by an atomic rename over the published file. A failed build is kept aside as `<name>.failed.duckdb`
(with its validation results) for diagnosis; a killed build leaves only a shadow, which the next build
deletes. Before dbt starts, every raw file is checked, so a missing table, a file that is not Parquet (or is
truncated) or a column of the wrong type is one clear message naming the file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from c360.project import dbt_argv
from c360.quality.raw_tables import BOOLEAN, INTEGER, NUMBER, RAW_TABLES, TEXT


class RawInputError(Exception):
    """Raw files that cannot be built from; the message names every file and its problem."""


_KIND_CHECKS: dict[str, Callable[[pa.DataType], bool]] = {
    TEXT: lambda t: pa.types.is_string(t) or pa.types.is_large_string(t),
    INTEGER: pa.types.is_integer,
    NUMBER: lambda t: pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t),
    BOOLEAN: pa.types.is_boolean,
    "timestamp": pa.types.is_timestamp,
}


def _problems_of(path: Path, needed: tuple[tuple[str, str], ...]) -> list[str]:
    if not path.exists():
        return [f"{path}: missing (expected a Parquet file)"]
    try:
        schema = pq.read_schema(path)  # reads the footer: a truncated file or another format fails here
    except (pa.ArrowInvalid, OSError) as error:
        return [f"{path}: not a readable Parquet file (truncated, or another format): {error}"]
    problems = []
    text_columns = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    try:
        for column in text_columns:  # text that is not UTF-8 would stop the database reading the file
            pq.read_table(path, columns=[column]).column(column).validate(full=True)
    except pa.ArrowInvalid as error:
        problems.append(f"{path}: column {column!r} holds bytes that are not UTF-8 text ({error})")
    except OSError as error:
        return [f"{path}: not a readable Parquet file (truncated, or another format): {error}"]
    for column, kind in needed:
        if column not in schema.names:
            problems.append(f"{path}: column {column!r} is missing")
        elif not _KIND_CHECKS[kind](schema.field(column).type):
            problems.append(f"{path}: column {column!r} is {schema.field(column).type}, expected {kind}")
    return problems


def check_raw(raw: Path) -> None:
    """Raise RawInputError listing every raw file staging cannot read as it is."""
    problems = [
        problem
        for table in RAW_TABLES
        for problem in _problems_of(raw / table.relative_path, (table.key, *table.columns, ("_loaded_at", "timestamp")))
    ]
    if problems:
        raise RawInputError("\n".join(problems))


@dataclass(frozen=True)
class BuildOutcome:
    """What a fail-closed build did."""

    exit_code: int
    published: Path
    promoted: bool
    failed_copy: Path | None


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def shadow_of(published: Path) -> Path:
    return published.with_name(published.stem + ".building.duckdb")


def failed_of(published: Path) -> Path:
    return published.with_name(published.stem + ".failed.duckdb")


def fail_closed_build(
    project: Path,
    published: Path,
    raw: Path | None,
    dbt_args: tuple[str, ...] = (),
    target_dir: Path | None = None,
    variables: dict[str, object] | None = None,
) -> BuildOutcome:
    """Check the raw files, build a shadow of `published` with `dbt build`, promote it only on success."""
    check_raw(raw if raw is not None else project / "data" / "sample" / "raw")
    published.parent.mkdir(parents=True, exist_ok=True)
    shadow = shadow_of(published)
    _remove(shadow)  # what a killed build left behind
    if published.exists():
        shutil.copyfile(published, shadow)
    completed = subprocess.run(
        dbt_argv(project, "build", *dbt_args, raw_path=raw, target_dir=target_dir, variables=variables),
        env={**os.environ, "C360_DUCKDB_PATH": str(shadow)},
        cwd=project,
        check=False,
    )
    if completed.returncode == 0:
        os.replace(shadow, published)  # atomic: readers see the old file or the new one, never a mix
        _remove(shadow)
        return BuildOutcome(0, published, True, None)
    failed = failed_of(published)
    _remove(failed)
    os.replace(shadow, failed)
    _remove(shadow)
    return BuildOutcome(completed.returncode, published, False, failed)
