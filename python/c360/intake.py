"""Raw intake for `c360 build`: check every raw file before dbt starts, and land text that is not UTF-8.

Checking: a missing table, a file that is not Parquet (or is truncated), a missing column or a column of the
wrong type cannot be staged at all; each is one clear message naming the file (`RawInputError`).

Landing: a Parquet text column must hold UTF-8, but a writer that did not check its text can put other bytes
there, and then the database refuses the whole file. Rather than refusing a file for one bad row, intake lands a
copy of the raw folder in which every byte sequence that is not UTF-8 is replaced by U+FFFD (the Unicode
replacement character); files without such bytes are linked, not copied. Staging quarantines every row holding
U+FFFD as `invalid_text_encoding` (macro `has_lost_text`), so the row is traced, not lost and not half-read.
The raw files themselves are never changed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from c360.quality.raw_tables import BOOLEAN, INTEGER, NUMBER, RAW_TABLES, TEXT

REPLACEMENT = "\ufffd"


class RawInputError(Exception):
    """Raw files that cannot be built from; the message names every file and its problem."""


_KIND_CHECKS: dict[str, Callable[[pa.DataType], bool]] = {
    TEXT: lambda t: pa.types.is_string(t) or pa.types.is_large_string(t),
    INTEGER: pa.types.is_integer,
    NUMBER: lambda t: pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t),
    BOOLEAN: pa.types.is_boolean,
    "timestamp": pa.types.is_timestamp,
}


def _text_columns(schema: pa.Schema) -> list[str]:
    return [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]


def _is_utf8(column: pa.ChunkedArray) -> bool:
    try:
        column.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _problems_of(path: Path, needed: tuple[tuple[str, str], ...]) -> list[str]:
    if not path.exists():
        return [f"{path}: missing (expected a Parquet file)"]
    try:
        schema = pq.read_schema(path)  # reads the footer: a truncated file or another format fails here
        for column in _text_columns(schema):  # reads every page of text: a damaged page fails here
            pq.read_table(path, columns=[column])
    except (pa.ArrowInvalid, OSError) as error:
        return [f"{path}: not a readable Parquet file (truncated, or another format): {error}"]
    problems = []
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
class LandedText:
    """Text values of one raw column that were not UTF-8 and were landed with U+FFFD in their place."""

    relative_path: str
    column: str
    values: int


def _replaced(column: pa.ChunkedArray) -> tuple[pa.Array, int]:
    """The column with every invalid byte sequence replaced by U+FFFD, and how many values changed."""
    binary = pa.large_binary() if pa.types.is_large_string(column.type) else pa.binary()
    as_bytes = pa.chunked_array([chunk.view(binary) for chunk in column.chunks], binary)
    changed = 0
    texts: list[str | None] = []
    for value in as_bytes.to_pylist():
        if value is None:
            texts.append(None)
            continue
        try:
            texts.append(value.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(value.decode("utf-8", errors="replace"))
            changed += 1
    return pa.array(texts, column.type), changed


def land_raw(raw: Path, landing: Path) -> tuple[Path, list[LandedText]]:
    """The raw folder dbt should read: `raw` itself when all its text is UTF-8, else a landed copy.

    The copy is `landing/raw` (files linked, those with non-UTF-8 text rewritten), with the generator's
    `truth` folder linked beside it when there is one, since the build finds the truth at `<raw_path>/../truth`.
    """
    raw = raw.resolve()  # the links must hold wherever they are read from
    landed: list[LandedText] = []
    repaired: dict[str, pa.Table] = {}
    for table in RAW_TABLES:
        path = raw / table.relative_path
        contents: pa.Table | None = None
        for column in _text_columns(pq.read_schema(path)):
            values = pq.read_table(path, columns=[column]).column(column)
            if _is_utf8(values):
                continue
            contents = pq.read_table(path) if contents is None else contents
            replaced, changed = _replaced(values)
            contents = contents.set_column(contents.schema.get_field_index(column), column, replaced)
            landed.append(LandedText(table.relative_path, column, changed))
        if contents is not None:
            repaired[table.relative_path] = contents
    shutil.rmtree(landing, ignore_errors=True)
    if not repaired:
        return raw, landed
    for table in RAW_TABLES:
        target = landing / "raw" / table.relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        if table.relative_path in repaired:
            pq.write_table(repaired[table.relative_path], target)
        else:
            os.symlink(raw / table.relative_path, target)
    if (raw.parent / "truth").is_dir():
        os.symlink(raw.parent / "truth", landing / "truth")
    return landing / "raw", landed
