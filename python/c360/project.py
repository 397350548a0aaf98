"""Where the dbt project is and how to call dbt on it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def find_project_dir(start: Path | None = None) -> Path:
    """The folder holding `dbt_project.yml`: `$C360_PROJECT_DIR`, else the nearest one above `start`/cwd."""
    if env := os.environ.get("C360_PROJECT_DIR"):
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    package_checkout = Path(__file__).resolve().parents[2]  # an editable install lives in the repo
    for folder in (here, *here.parents, package_checkout):
        if (folder / "dbt_project.yml").is_file():
            return folder
    raise FileNotFoundError(f"no dbt_project.yml in {here} or above it; set C360_PROJECT_DIR")


def dbt_argv(
    project: Path,
    command: str,
    *extra: str,
    raw_path: Path | None = None,
    target_dir: Path | None = None,
    variables: dict[str, object] | None = None,
) -> list[str]:
    """argv for `dbt <command>` on `project`, with the committed profiles and optional vars."""
    dbt = Path(sys.executable).with_name("dbt")
    argv = [str(dbt), command, "--project-dir", str(project), "--profiles-dir", str(project)]
    merged: dict[str, object] = dict(variables or {})
    if raw_path is not None:
        merged["raw_path"] = str(raw_path)
    if merged:
        argv += ["--vars", json.dumps(merged)]
    if target_dir is not None:
        argv += ["--target-path", str(target_dir)]
    return [*argv, *extra]
