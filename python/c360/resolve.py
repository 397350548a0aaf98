"""`c360 resolve`: resolve any file of person records with the warehouse's own SQL standardization and
Splink code, by building the identity part of the dbt project on that file in a temporary warehouse."""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import duckdb

from c360.identity.evaluate import predicted_from_warehouse
from c360.project import dbt_argv, find_project_dir

REQUIRED_COLUMNS = (
    "source_system", "source_record_id", "first_name", "last_name", "email", "phone", "date_of_birth",
    "street_address", "city", "postal_code", "state", "country", "updated_at",
)  # fmt: skip


_REQUIRED_BY_LETTERS = {column.replace("_", ""): column for column in REQUIRED_COLUMNS}


class ResolveInputError(ValueError):
    """The input file cannot be resolved; the message says which file and why."""


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def column_key(name: str) -> str:
    """How a header is matched to a required column: case, spaces and punctuation do not matter
    (`First Name`, `FIRST_NAME`, `First-Name`, `FirstName` and `first_name` are one column, `E-Mail` is
    `email`). A header that is no required column keeps its words joined by underscores."""
    words = _header_words(name)
    return _REQUIRED_BY_LETTERS.get(words.replace("_", ""), words)


def _header_words(name: str) -> str:
    """A header's words in lower case, joined by underscores (`First-Name` -> `first_name`)."""
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lstrip("\ufeff").lower()).strip("_")


def _quoted(name: str) -> str:
    """A column name as a DuckDB identifier."""
    return '"' + name.replace('"', '""') + '"'


def _column_keys(names: list[str]) -> list[str]:
    """`column_key` of each header; where several headers match one required column (`email` and
    `E-Mail`), the one written as the column's own name is it and the others keep their words (`e_mail`)."""
    keys = [column_key(name) for name in names]
    words = [_header_words(name) for name in names]
    for key in {k for k in keys if keys.count(k) > 1 and k in REQUIRED_COLUMNS}:
        exact = [i for i, k in enumerate(keys) if k == key and words[i] == key]
        if len(exact) == 1:
            keys = [words[i] if k == key and i != exact[0] else k for i, k in enumerate(keys)]
    return keys


def reader_for(path: Path) -> str:
    """The DuckDB expression that reads `path` with every column as text, headers matched by `column_key`,
    without rows whose every field is empty."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        source = f"read_csv({_sql_string(str(path))}, all_varchar = true, header = true)"
    elif suffix == ".parquet":  # any column type (a date, an all-null column) is read as text, like a CSV's
        source = f"read_parquet({_sql_string(str(path))})"
    else:
        raise ResolveInputError(f"{path}: unsupported file type {suffix or '(none)'}; use .csv or .parquet")
    try:
        names = [row[0] for row in duckdb.connect().execute(f"describe select * from {source}").fetchall()]
    except duckdb.Error:
        return f"(select columns(*)::varchar from {source})"  # check_input reports it
    keys = _column_keys(names)
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ResolveInputError(
            f"{path}: several columns are named {', '.join(repeated)} once case, spacing and punctuation are ignored"
        )
    quoted = ", ".join(f'{_quoted(name)}::varchar as "{key}"' for name, key in zip(names, keys, strict=True))
    # a row with every field empty (a spreadsheet's trailing ",,,," rows) holds nothing to resolve or key
    filled = " or ".join(f"nullif(trim({_quoted(name)}::varchar), '') is not null" for name in names)
    return f"(select {quoted} from {source} where {filled})"


# A file without a byte-order mark is UTF-16 when at least this share of the bytes in one of the two positions
# of its start is zero (the high byte of every ASCII character: the delimiters, line ends and digits of a CSV
# at least, whatever its script) and almost none in the other; UTF-8 text has no zero bytes.
UTF16_HIGH_ZERO_SHARE = 0.2
UTF16_LOW_ZERO_SHARE = 0.02


def csv_encoding(path: Path) -> str:
    """The text encoding of a CSV file: UTF-16 where it starts with that byte-order mark (Excel's "Unicode
    text") or, without one, where the zero bytes of its start fall in one of the two positions (SQL Server's
    `bcp -w`, a .NET `Encoding.Unicode` writer); UTF-8 where every byte decodes as UTF-8, else "mixed": read
    line by line (`_decoded_line`)."""
    with path.open("rb") as file:
        start = file.read(4096)
        if start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
        for encoding, high, low in (("utf-16-le", start[1::2], start[::2]), ("utf-16-be", start[::2], start[1::2])):
            if (
                high
                and high.count(0) >= UTF16_HIGH_ZERO_SHARE * len(high)
                and low.count(0) <= UTF16_LOW_ZERO_SHARE * len(low)
            ):
                return encoding
        file.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "mixed"
    return "utf-8"


def _decoded_line(line: bytes) -> str:
    """One line of a file that is not all UTF-8: as UTF-8 where it is (an export with rows appended by
    another program), else Windows-1252 (Excel's "CSV" on Western-European Windows, a superset of Latin-1's
    letters), else Latin-1, which decodes any byte."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError:
            continue
    return line.decode("latin-1")


def utf8_csv(path: Path, workdir: Path) -> Path:
    """`path` itself where it is UTF-8 (DuckDB reads only that); otherwise a UTF-8 copy of it in `workdir`."""
    encoding = csv_encoding(path)
    if encoding == "utf-8":
        return path
    copy = workdir / f"input.{encoding}.utf-8.csv"
    if encoding.startswith("utf-16"):
        # a bad pair of bytes becomes U+FFFD (staged as such); an odd last byte (a line end a tool appended as
        # one byte) is no character and is left out, where decoding it would fail the whole file
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        with path.open("rb") as source, copy.open("w", encoding="utf-8", newline="") as target:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                target.write(decoder.decode(chunk))
        return copy
    with path.open("rb") as source, copy.open("w", encoding="utf-8", newline="") as target:
        for line in source:
            target.write(_decoded_line(line))
    return copy


def check_input(path: Path, workdir: Path) -> str:
    """Validate the input file and return its reader (of a UTF-8 copy in `workdir` where a CSV is in
    another encoding). Raises ResolveInputError with a clear message."""
    if not path.is_file():
        raise ResolveInputError(f"{path}: no such file")
    is_csv = path.suffix.lower() == ".csv"
    readable = utf8_csv(path, workdir) if is_csv else path
    reader = reader_for(readable)
    con = duckdb.connect()
    try:
        columns = [row[0] for row in con.execute(f"describe select * from {reader}").fetchall()]
    except duckdb.Error as error:
        raise ResolveInputError(f"{path}: cannot be read as {path.suffix[1:]}: {error}") from error
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing and is_csv and _header_has_every_column(readable):
        raise ResolveInputError(
            f"{path}: its header names every required column, but the rows could not be read as one table under"
            " it: a row has more fields than the header (a value with an unquoted delimiter in it?)"
        )
    if missing:
        raise ResolveInputError(f"{path}: missing required column(s): {', '.join(missing)}")
    try:
        _check_keys(con, path, reader)
    except duckdb.Error as error:  # a malformed row past the part DuckDB sniffed the file on
        raise ResolveInputError(f"{path}: cannot be read as {path.suffix[1:]}: {error}") from error
    return reader


def _header_has_every_column(path: Path) -> bool:
    """Whether the first line of a CSV, split at any common delimiter, names every required column."""
    with path.open(encoding="utf-8", errors="replace") as file:
        first = file.readline()
    return any(
        set(REQUIRED_COLUMNS) <= {column_key(name.strip().strip('"')) for name in first.split(delimiter)}
        for delimiter in (",", ";", "\t", "|")
    )


def _check_keys(con: duckdb.DuckDBPyConnection, path: Path, reader: str) -> None:
    """Every record has a key, no key occurs twice, and no row repeats the header (files concatenated)."""
    header_rows = con.execute(
        f"select count(*) from {reader} where regexp_replace(lower(trim(source_system)), '[^a-z0-9]+', '_', 'g')"
        " = 'source_system' and regexp_replace(lower(trim(source_record_id)), '[^a-z0-9]+', '_', 'g')"
        " = 'source_record_id'"
    ).fetchone()
    if header_rows and header_rows[0]:
        raise ResolveInputError(
            f"{path}: {header_rows[0]} row(s) repeat the header (files concatenated with their headers?); remove them"
        )
    keyless = con.execute(
        f"select count(*) from {reader} where nullif(trim(source_system), '') is null"
        " or nullif(trim(source_record_id), '') is null"
    ).fetchone()
    if keyless and keyless[0]:
        raise ResolveInputError(
            f"{path}: {keyless[0]} record(s) have no source_system or no source_record_id; every record needs both,"
            " they are what the output is keyed by"
        )
    duplicates = con.execute(
        f"select count(*) from (select source_system, source_record_id from {reader} group by all having count(*) > 1)"
    ).fetchone()
    if duplicates and duplicates[0]:
        raise ResolveInputError(f"{path}: {duplicates[0]} (source_system, source_record_id) keys occur more than once")


# dbt's parse of the project, kept between resolves: dbt parses the whole project again when a var, the
# profile or dbt's version changed, else only the files that changed or read a changed env var. So a resolve
# passes the same vars and profile every time (the warehouse is `resolve.duckdb` in the run's own folder, its
# working directory) and the input's reader as an env var, which only the resolve source reads.
PARSE_CACHE = Path("target") / "c360-resolve" / "partial_parse.msgpack"


def _reuse_parse(project: Path, target: Path) -> None:
    """Start `target` with the parse the last resolve of `project` kept, if any."""
    target.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        shutil.copyfile(project / PARSE_CACHE, target / "partial_parse.msgpack")


def _keep_parse(project: Path, target: Path) -> None:
    """Keep this run's parse for the next resolve of `project`. Written aside and renamed, so a resolve running
    beside it reads a whole file; a project folder that cannot be written to just parses every time."""
    kept = project / PARSE_CACHE
    with contextlib.suppress(OSError):
        kept.parent.mkdir(parents=True, exist_ok=True)
        aside = kept.with_name(f"{kept.name}.{os.getpid()}")
        shutil.copyfile(target / "partial_parse.msgpack", aside)
        os.replace(aside, kept)


def resolve_file(input_path: Path, output_path: Path, project: Path | None = None) -> int:
    """Resolve `input_path` into `output_path` (`source_system, source_record_id, customer_id`); returns
    the number of records written."""
    input_path, output_path = input_path.resolve(), output_path.resolve()
    if output_path.suffix.lower() not in (".csv", ".parquet"):
        raise ResolveInputError(f"{output_path}: unsupported output type; use .csv or .parquet")
    project = (project or find_project_dir()).resolve()  # dbt runs in the temporary folder
    with tempfile.TemporaryDirectory(prefix="c360-resolve-") as tmp:
        reader = check_input(input_path, Path(tmp))
        target = Path(tmp) / "target"
        _reuse_parse(project, target)
        variables = {"identity_input": "resolve", "evaluate_identity": False}
        # unit tests check the project's SQL, not the file: `make test` runs them, a resolve need not
        selection = (
            "--select",
            "+int_person_records_clustered",
            "--indirect-selection",
            "cautious",
            "--exclude",
            "test_type:unit",
        )
        argv = dbt_argv(project, "build", *selection, "--quiet", target_dir=target, variables=variables)
        env = {**os.environ, "C360_DUCKDB_PATH": "resolve.duckdb", "C360_RESOLVE_READER": reader}
        completed = subprocess.run(argv, env=env, capture_output=True, text=True, check=False, cwd=tmp)
        if completed.returncode != 0:
            raise RuntimeError(f"dbt build of the identity models failed:\n{completed.stdout[-6000:]}")
        _keep_parse(project, target)
        resolved = predicted_from_warehouse(Path(tmp) / "resolve.duckdb")
    fmt = "parquet" if output_path.suffix.lower() == ".parquet" else "csv, header true"
    con = duckdb.connect()
    con.register("resolved", resolved)
    con.execute(
        f"""
        copy (
            select source_system, source_record_id, customer_id from resolved
            order by source_system, source_record_id
        ) to {_sql_string(str(output_path))} (format {fmt})
        """
    )
    return int(resolved.num_rows)


def summary(count: int, output_path: Path) -> str:
    """One JSON line for the command line."""
    return json.dumps({"records": count, "output": str(output_path)})
