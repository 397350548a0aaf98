"""`c360 bench identity`: wall time and peak memory of the identity step at given record counts.

For each size, a data set is generated and staged with dbt (not measured), then the identity step (train,
score with Splink's blocking analysis first, cluster) runs in a fresh process that is measured."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
from splink import DuckDBAPI

from c360.bench import measure, python_argv
from c360.identity import reliability
from c360.identity.config import IdentityConfig
from c360.identity.pipeline import cluster
from c360.identity.splink_model import blocking_counts, score, train, training_duckdb_api
from c360.project import dbt_argv

RECORDS_PER_PERSON = 3.0  # what the generator yields (person-bearing records per person)


def run_identity_step(records_path: Path, asserted_path: Path | None) -> dict[str, Any]:
    """Train, score and cluster the records in a Parquet file; returns timings and counts."""
    records = pq.read_table(records_path)
    asserted = pq.read_table(asserted_path) if asserted_path else None
    config = IdentityConfig()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    counts = blocking_counts(DuckDBAPI(), records)
    timings["blocking_analysis_s"] = time.perf_counter() - start
    start = time.perf_counter()
    model = train(training_duckdb_api(), records, config)
    timings["train_s"] = time.perf_counter() - start
    start = time.perf_counter()
    pairs = score(DuckDBAPI(), records, model.settings, config)
    timings["score_s"] = time.perf_counter() - start
    start = time.perf_counter()
    contradictions = reliability.contradictions_from(reliability.measure(pairs, model.parameters, config, records))
    clusters, refused = cluster(records, pairs, config, asserted_links=asserted, contradictions=contradictions)
    timings["cluster_s"] = time.perf_counter() - start
    return {
        "records": records.num_rows,
        "candidate_pairs_per_rule": [
            {"rule": c["blocking_rule"], "marginal": c["marginal_comparison_count"]} for c in counts
        ],
        "candidate_pairs": sum(c["marginal_comparison_count"] for c in counts),
        "scored_pairs_kept": pairs.num_rows,
        "customers": len(set(clusters.column("customer_id").to_pylist())),
        "refused_links": refused.num_rows,
        **{k: round(v, 1) for k, v in timings.items()},
    }


def bench_identity(sizes: list[int], seed: int, project: Path) -> int:
    """Run the benchmark at each size; prints one JSON line per size."""
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="c360-bench-identity-") as tmp:
            data = Path(tmp) / "data"
            persons = max(int(size / RECORDS_PER_PERSON), 1)
            subprocess.run(python_argv("generate", "--persons", str(persons), "--seed", str(seed), "--out", str(data)),
                           check=True, capture_output=True)  # fmt: skip
            warehouse = Path(tmp) / "bench.duckdb"
            argv = dbt_argv(
                project, "build", "--select", "+int_person_records_prepared +int_person_record_links_asserted",
                "--exclude", "test_type:data", "--quiet", raw_path=data / "raw", target_dir=Path(tmp) / "target",
            )  # fmt: skip
            # the project's paths (the erasure requests) are relative to it, as in `c360 build`
            subprocess.run(argv, check=True, env={**os.environ, "C360_DUCKDB_PATH": str(warehouse)}, cwd=project)
            records, asserted = Path(tmp) / "records.parquet", Path(tmp) / "asserted.parquet"
            with duckdb.connect(str(warehouse), read_only=True) as con:
                con.execute(f"copy identity.int_person_records_prepared to '{records}' (format parquet)")
                con.execute(f"copy identity.int_person_record_links_asserted to '{asserted}' (format parquet)")
            result_file = Path(tmp) / "step.json"
            step_argv = python_argv(
                "identity-step", str(records), "--asserted", str(asserted), "--out", str(result_file)
            )
            measurement = measure("identity step", step_argv)
            step = json.loads(result_file.read_text())
            print(json.dumps({"persons": persons, **step, "wall_s": measurement.wall_seconds,
                              "peak_rss_mib": measurement.peak_rss_mib}))  # fmt: skip
            if measurement.exit_code:
                return int(measurement.exit_code)
    return 0
