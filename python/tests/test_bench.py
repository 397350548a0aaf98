"""The benchmark commands run wherever they are called from (their figures are read from their output, not
asserted: speed is measured by `c360 bench`, never by a timed test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from c360.bench import measure, python_argv


def test_measure_runs_the_command_in_the_folder_given(tmp_path: Path) -> None:
    (tmp_path / "marker").touch()
    argv = [sys.executable, "-c", "import pathlib, sys; sys.exit(0 if pathlib.Path('marker').exists() else 3)"]
    assert measure("in its folder", argv, cwd=tmp_path).exit_code == 0
    assert measure("elsewhere", argv, cwd=tmp_path.parent).exit_code == 3


def test_bench_identity_runs_outside_the_project_folder(tmp_path: Path) -> None:
    """The dbt project reads files by paths relative to itself (the erasure requests): called from another
    folder, the benchmark's build failed before it measured anything."""
    completed = subprocess.run(
        python_argv("bench", "identity", "--records", "1500"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(next(line for line in completed.stdout.splitlines() if line.startswith("{")))
    assert result["records"] > 1000
    assert result["customers"] > 0
    assert result["wall_s"] > 0 and result["peak_rss_mib"] > 0
