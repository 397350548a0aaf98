"""Benchmarks: wall time and peak memory of a command, measured from a child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    """One measured run."""

    label: str
    wall_seconds: float
    peak_rss_mib: float
    exit_code: int

    def as_json(self) -> str:
        """One JSON line, for logs and closing notes."""
        return json.dumps(asdict(self))


def measure(label: str, argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Measurement:
    """Run `argv` (in `cwd`, where given) to completion and report its wall time and peak resident memory.

    The peak is the largest resident set of that child (and of the descendants it waited for), read from
    `wait4`, so several measurements in one process stay independent.
    """
    start = time.perf_counter()
    child = subprocess.Popen(argv, env={**os.environ, **(env or {})}, cwd=cwd)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return Measurement(label, round(wall, 2), round(usage.ru_maxrss / 1024, 1), child.returncode)


def python_argv(*args: str) -> list[str]:
    """argv that runs the `c360` command line in a fresh interpreter."""
    return [sys.executable, "-m", "c360.cli", *args]
