"""The `c360` command line: generate data, run benchmarks (identity and evaluation come in later modules)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from c360.bench import Measurement, measure, python_argv
from c360.project import dbt_argv, find_project_dir


def _cmd_generate(args: argparse.Namespace) -> int:
    from c360.generator import generate
    from c360.generator.core import DEFAULT_AS_OF

    as_of = datetime.fromisoformat(args.as_of) if args.as_of else DEFAULT_AS_OF
    summary = generate(args.persons, args.seed, Path(args.out), as_of)
    print(
        json.dumps(
            {
                "persons": summary.persons,
                "seed": summary.seed,
                "as_of": summary.as_of.isoformat(),
                "raw_rows": summary.raw_rows,
                "total_raw_rows": summary.total_raw_rows,
                "truth_records": summary.truth_records,
            },
            indent=2,
        )
    )
    return 0


def _report(measurement: Measurement) -> int:
    print(measurement.as_json())
    return measurement.exit_code


def _cmd_bench_generate(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="c360-bench-") as tmp:
        argv = python_argv("generate", "--persons", str(args.persons), "--seed", str(args.seed), "--out", tmp)
        return _report(measure(f"generate persons={args.persons}", argv))


def _cmd_bench_build(args: argparse.Namespace) -> int:
    project = find_project_dir()
    with tempfile.TemporaryDirectory(prefix="c360-bench-") as tmp:
        data = Path(tmp) / "data"
        gen = measure(
            f"generate persons={args.persons}",
            python_argv("generate", "--persons", str(args.persons), "--seed", str(args.seed), "--out", str(data)),
        )
        print(gen.as_json())
        if gen.exit_code:
            return gen.exit_code
        argv = dbt_argv(project, "build", *args.dbt_args, raw_path=data / "raw", target_dir=Path(tmp) / "target")
        env = {"C360_DUCKDB_PATH": str(Path(tmp) / "bench.duckdb")}
        return _report(measure(f"dbt build persons={args.persons}", argv, env))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `c360` (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(prog="c360", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="write raw source tables and truth as Parquet")
    gen.add_argument("--persons", type=int, required=True)
    gen.add_argument("--seed", type=int, default=42)
    gen.add_argument("--out", required=True, help="folder; raw/ and truth/ are written below it")
    gen.add_argument("--as-of", help="extraction time, ISO 8601 with offset (default 2026-10-31T06:00Z)")
    gen.set_defaults(func=_cmd_generate)

    bench = sub.add_parser("bench", help="measure wall time and peak memory")
    bench_sub = bench.add_subparsers(dest="bench", required=True)
    bgen = bench_sub.add_parser("generate", help="time `c360 generate`")
    bbuild = bench_sub.add_parser("build", help="generate a set, then time `dbt build` on it")
    for p in (bgen, bbuild):
        p.add_argument("--persons", type=int, default=250_000)
        p.add_argument("--seed", type=int, default=7)
    bgen.set_defaults(func=_cmd_bench_generate)
    bbuild.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt arguments, e.g. --select staging")
    bbuild.set_defaults(func=_cmd_bench_build)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `c360` command."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
