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
from collections.abc import Callable, Mapping, Sequence
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


def _problems_of(path: Path, needed: tuple[tuple[str, str], ...]) -> tuple[list[str], list[str]]:
    """The problems of one raw file, and its text columns holding bytes that are not UTF-8."""
    if not path.exists():
        return [f"{path}: missing (expected a Parquet file)"], []
    try:
        schema = pq.read_schema(path)  # reads the footer: a truncated file or another format fails here
        # reads every page of text: a damaged page fails here
        not_utf8 = [c for c in _text_columns(schema) if not _is_utf8(pq.read_table(path, columns=[c]).column(c))]
    except (pa.ArrowInvalid, OSError) as error:
        return [f"{path}: not a readable Parquet file (truncated, or another format): {error}"], []
    problems = []
    for column, kind in needed:
        if column not in schema.names:
            problems.append(f"{path}: column {column!r} is missing")
        elif not _KIND_CHECKS[kind](schema.field(column).type):
            problems.append(f"{path}: column {column!r} is {schema.field(column).type}, expected {kind}")
    return problems, not_utf8


def check_raw(raw: Path) -> dict[str, list[str]]:
    """Raise RawInputError listing every raw file staging cannot read as it is; else return, per raw file
    (relative path), its text columns holding bytes that are not UTF-8: what `land_raw` lands."""
    problems: list[str] = []
    not_utf8: dict[str, list[str]] = {}
    for table in RAW_TABLES:
        needed = (table.key, *table.columns, ("_loaded_at", "timestamp"))
        found, columns = _problems_of(raw / table.relative_path, needed)
        problems += found
        if columns:
            not_utf8[table.relative_path] = columns
    if problems:
        raise RawInputError("\n".join(problems))
    return not_utf8


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


def land_raw(raw: Path, landing: Path, not_utf8: Mapping[str, Sequence[str]]) -> tuple[Path, list[LandedText]]:
    """The raw folder dbt should read: `raw` itself when all its text is UTF-8 (`not_utf8`, from `check_raw`,
    is empty), else a landed copy.

    The copy is `landing/raw` (files linked, those with non-UTF-8 text rewritten), with the generator's
    `truth` folder linked beside it when there is one, since the build finds the truth at `<raw_path>/../truth`.
    """
    raw = raw.resolve()  # the links must hold wherever they are read from
    landed: list[LandedText] = []
    repaired: dict[str, pa.Table] = {}
    for relative_path, columns in not_utf8.items():
        contents = pq.read_table(raw / relative_path)
        for column in columns:
            replaced, changed = _replaced(contents.column(column))
            contents = contents.set_column(contents.schema.get_field_index(column), column, replaced)
            landed.append(LandedText(relative_path, column, changed))
        repaired[relative_path] = contents
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
