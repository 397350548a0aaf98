"""`c360 build`: a fail-closed build of the warehouse.

Analysts and BI tools read one DuckDB file. dbt replaces each table atomically, but a failure later in a run
does not undo the tables already replaced, so dbt never builds the published file directly: it builds a
shadow copy beside it (`<name>.building.duckdb`, a copy of the published file, so incremental history and
previous customer ids carry over), and only a build in which every model, test and quality gate passed is
promoted, by an atomic rename over the published file. A failed build is kept aside as `<name>.failed.duckdb`
(with its validation results) for diagnosis; a killed build leaves a shadow (and maybe its compacted copy or
landed raw files), which the next build deletes. The promoted file is a compacted copy of the shadow (only
live contents: no erased row survives in free blocks). Before dbt starts, every raw file is checked and text
that is not UTF-8 is landed (c360.intake).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb

from c360.intake import LandedText, check_raw, land_raw
from c360.project import dbt_argv


@dataclass(frozen=True)
class BuildOutcome:
    """What a fail-closed build did."""

    exit_code: int
    published: Path
    promoted: bool
    failed_copy: Path | None
    landed: tuple[LandedText, ...] = ()


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def shadow_of(published: Path) -> Path:
    return published.with_name(published.stem + ".building.duckdb")


def failed_of(published: Path) -> Path:
    return published.with_name(published.stem + ".failed.duckdb")


def landing_of(published: Path) -> Path:
    return published.with_name(published.stem + ".landing")


def compact_of(shadow: Path) -> Path:
    return shadow.with_name(shadow.stem + ".compact.duckdb")


def compacted(database: Path) -> Path:
    """A fresh copy of `database` holding only its live contents.

    Deleted rows (an erased person's among them) can survive in a DuckDB file's free blocks until they are
    reused, and the shadow starts as a byte copy of the published file; copying the database into a new file
    writes only what is there now.
    """
    fresh = compact_of(database)
    _remove(fresh)
    with duckdb.connect() as con:
        con.execute("attach ? as built (read_only)", [str(database)])
        con.execute("attach ? as fresh", [str(fresh)])
        con.execute("copy from database built to fresh")
    return fresh


def fail_closed_build(
    project: Path,
    published: Path,
    raw: Path | None,
    dbt_args: tuple[str, ...] = (),
    target_dir: Path | None = None,
    variables: dict[str, object] | None = None,
) -> BuildOutcome:
    """Check the raw files, build a shadow of `published` with `dbt build`, promote it only on success."""
    checked = raw if raw is not None else project / "data" / "sample" / "raw"
    not_utf8 = check_raw(checked)
    published = published.resolve()  # dbt runs in the project folder
    published.parent.mkdir(parents=True, exist_ok=True)
    shadow, landing = shadow_of(published), landing_of(published)
    for leftover in (shadow, compact_of(shadow)):  # what a killed build left behind
        _remove(leftover)
    shutil.rmtree(landing, ignore_errors=True)
    try:
        landed_raw, landed = land_raw(checked, landing, not_utf8)
        if published.exists():
            shutil.copyfile(published, shadow)
        completed = subprocess.run(
            dbt_argv(
                project, "build", *dbt_args,
                raw_path=landed_raw if landed else raw, target_dir=target_dir, variables=variables,
            ),
            env={**os.environ, "C360_DUCKDB_PATH": str(shadow)},
            cwd=project,
            check=False,
        )  # fmt: skip
    finally:
        shutil.rmtree(landing, ignore_errors=True)
    if completed.returncode == 0:
        fresh = compacted(shadow)
        os.replace(fresh, published)  # atomic: readers see the old file or the new one, never a mix
        _remove(shadow)
        return BuildOutcome(0, published, True, None, tuple(landed))
    failed = failed_of(published)
    _remove(failed)
    os.replace(shadow, failed)
    _remove(shadow)
    return BuildOutcome(completed.returncode, published, False, failed, tuple(landed))
