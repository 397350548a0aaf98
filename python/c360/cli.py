"""The `c360` command line: generate data, resolve any file of person records, evaluate a resolution
against the generator's truth, and measure (benchmarks)."""

from __future__ import annotations

import argparse
import json
import os
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


def _dbt_args(args: argparse.Namespace) -> list[str]:
    """The extra dbt arguments of a command, without the `--` that may separate them from c360's own."""
    extra: list[str] = args.dbt_args
    return extra[1:] if extra[:1] == ["--"] else extra


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
        argv = dbt_argv(project, "build", *_dbt_args(args), raw_path=data / "raw", target_dir=Path(tmp) / "target")
        env = {"C360_DUCKDB_PATH": str(Path(tmp) / "bench.duckdb")}
        return _report(measure(f"dbt build persons={args.persons}", argv, env, cwd=project))


def _cmd_build(args: argparse.Namespace) -> int:
    from c360.build import fail_closed_build
    from c360.intake import RawInputError

    project = find_project_dir()
    published = Path(args.warehouse or os.environ.get("C360_DUCKDB_PATH", project / "warehouse" / "c360.duckdb"))
    try:
        raw = Path(args.raw).resolve() if args.raw else None
        outcome = fail_closed_build(project, published, raw, tuple(_dbt_args(args)))
    except RawInputError as error:
        print(f"c360 build: the raw files cannot be built from; nothing was changed:\n{error}", file=sys.stderr)
        return 2
    for landed in outcome.landed:
        print(
            f"c360 build: {landed.relative_path}: {landed.values} value(s) of column {landed.column!r} were not "
            "UTF-8 text; landed with U+FFFD in place of the bad bytes, their rows quarantined as "
            "invalid_text_encoding"
        )
    if outcome.promoted:
        print(f"c360 build: every model, test and quality gate passed; published {outcome.published}")
    else:
        print(
            f"c360 build: the build failed (dbt exit {outcome.exit_code}); {outcome.published} is unchanged. "
            f"The failed build, with its validation results, is kept in {outcome.failed_copy}",
            file=sys.stderr,
        )
    return outcome.exit_code


def _cmd_resolve(args: argparse.Namespace) -> int:
    from c360.resolve import ResolveInputError, resolve_file, summary

    try:
        count = resolve_file(Path(args.input), Path(args.out))
    except ResolveInputError as error:
        print(f"c360 resolve: {error}", file=sys.stderr)
        return 2
    print(summary(count, Path(args.out)))
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from c360.identity.config import IdentityConfig
    from c360.identity.evaluate import (
        evaluate_against_truth,
        predicted_from_resolve_output,
        predicted_from_warehouse,
        scored_pairs_from_warehouse,
    )

    if bool(args.warehouse) == bool(args.resolved):
        print("c360 evaluate: give exactly one of --warehouse or --resolved", file=sys.stderr)
        return 2
    if args.warehouse:
        warehouse = Path(args.warehouse)
        pairs = scored_pairs_from_warehouse(warehouse)
        threshold = IdentityConfig().link_threshold
        figures = evaluate_against_truth(predicted_from_warehouse(warehouse), Path(args.data), pairs, threshold)
    else:
        figures = evaluate_against_truth(predicted_from_resolve_output(Path(args.resolved)), Path(args.data))
    print(json.dumps({key: value for key, value in figures.as_dict().items() if value is not None}, indent=2))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from c360.generator.export import export_person_records

    count = export_person_records(Path(args.data), Path(args.out))
    print(json.dumps({"records": count, "output": args.out}))
    return 0


def _cmd_identity_step(args: argparse.Namespace) -> int:
    from c360.identity.bench import run_identity_step

    result = json.dumps(run_identity_step(Path(args.records), Path(args.asserted) if args.asserted else None))
    if args.out:
        Path(args.out).write_text(result)
    else:
        print(result)
    return 0


def _cmd_bench_identity(args: argparse.Namespace) -> int:
    from c360.identity.bench import bench_identity

    return bench_identity(args.records, args.seed, find_project_dir())


def _cmd_reference_model(args: argparse.Namespace) -> int:
    import duckdb

    from c360.identity.config import IdentityConfig
    from c360.identity.splink_model import training_duckdb_api, write_reference_model

    # Names as the sources had them, swaps included: the inputs the reference model serves are small files
    # whose name counts are too few to detect swapped names by, so it must know what a swap weighs.
    with duckdb.connect(args.warehouse, read_only=True) as con:
        records = con.sql(
            """
            select
                * replace (
                    case when has_swapped_names then last_name else first_name end as first_name,
                    case when has_swapped_names then first_name else last_name end as last_name
                )
            from identity.int_person_records_prepared
            """
        ).to_arrow_table()
    path = write_reference_model(training_duckdb_api(), records, args.trained_on, IdentityConfig())
    print(json.dumps({"records": records.num_rows, "reference_model": str(path)}))
    return 0


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

    build = sub.add_parser(
        "build", help="fail-closed `dbt build`: build a shadow of the warehouse, publish it only if all passed"
    )
    build.add_argument("--raw", help="raw folder (default: the committed sample)")
    build.add_argument(
        "--warehouse", help="published DuckDB file (default: $C360_DUCKDB_PATH or warehouse/c360.duckdb)"
    )
    build.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt arguments, e.g. --vars ...")
    build.set_defaults(func=_cmd_build)

    res = sub.add_parser("resolve", help="resolve a CSV/Parquet file of person records to customer ids")
    res.add_argument("input", help="CSV or Parquet with the columns listed in the README")
    res.add_argument(
        "--out", required=True, help="output .csv or .parquet: source_system, source_record_id, customer_id"
    )
    res.set_defaults(func=_cmd_resolve)

    ev = sub.add_parser("evaluate", help="precision/recall of a resolution against a generated set's truth")
    ev.add_argument("--data", required=True, help="generated data set (with raw/ and truth/)")
    ev.add_argument("--warehouse", help="a warehouse built from that data set")
    ev.add_argument("--resolved", help="a `c360 resolve` output of `c360 export-records` of that data set")
    ev.set_defaults(func=_cmd_evaluate)

    ex = sub.add_parser("export-records", help="flat resolve-input file of a generated set's person records")
    ex.add_argument("--data", required=True)
    ex.add_argument("--out", required=True)
    ex.set_defaults(func=_cmd_export)

    step = sub.add_parser("identity-step", help=argparse.SUPPRESS)
    step.add_argument("records")
    step.add_argument("--asserted")
    step.add_argument("--out", help="write the JSON result here instead of standard output")
    step.set_defaults(func=_cmd_identity_step)

    ref = sub.add_parser(
        "reference-model", help="retrain the packaged reference model (for small inputs) on a built warehouse"
    )
    ref.add_argument("--warehouse", required=True, help="a warehouse built from a generated set")
    ref.add_argument("--trained-on", required=True, help="how that set was made, recorded in the model")
    ref.set_defaults(func=_cmd_reference_model)

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
    bident = bench_sub.add_parser("identity", help="time the identity step (train, score, cluster)")
    bident.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    bident.add_argument("--seed", type=int, default=11)
    bident.set_defaults(func=_cmd_bench_identity)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `c360` command."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
