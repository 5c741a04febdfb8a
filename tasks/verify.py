"""Candidate pairs from shared band keys (SQL), then verification (core)."""

from __future__ import annotations

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from tasks._progress import progress_bar
from warehouse.connection import sql
from wiretrace.params import PipelineParams
from wiretrace.verify import pairs_table, verify_streamed

CHUNK = 5000  # candidate pairs verified between progress updates
TEXT_BATCH = 2048  # articles read from DuckDB at a time


@task(name="candidates-and-verify", cache_policy=NO_CACHE)
def verify_task(work: str, run_id: str, params: PipelineParams) -> dict[str, int]:
    """Find candidate pairs involving this run's articles, verify them, store verified pairs."""
    sig, ver = params.signature, params.verify
    window = None if ver.time_window_days is None else int(ver.time_window_days * 24 * 60)
    with transaction(work) as con:
        candidates = con.execute(
            sql("candidate_pairs"),
            {
                "params_id": sig.params_id,
                "run_id": run_id,
                "max_bucket": sig.max_bucket,
                "min_shared_bands": sig.min_shared_bands,
                "window_minutes": window,
            },
        ).fetchall()
        involved = sorted({a for pair in candidates for a in pair})
        order = [r[0] for r in con.execute(sql("verification_order"), {"ids": involved}).fetchall()]
        texts = con.execute(sql("profiles_input"), {"ids": order})  # in that order; results stream (DuckDB 2)
        parts, compared = [], 0
        with progress_bar("verify", len(candidates)) as advance:
            rows = (row for batch in iter(lambda: texts.fetchmany(TEXT_BATCH), []) for row in batch)
            for part, n in verify_streamed(candidates, order, rows, ver, chunk=CHUNK):
                parts.append(part)
                compared += n
                advance(n)
        verified = pa.concat_tables([pairs_table([]), *parts]).sort_by([("a", "ascending"), ("b", "ascending")])
        con.register("verified_pairs", verified)
        con.execute(
            "INSERT INTO wt.pairs SELECT *, $run_id FROM verified_pairs ON CONFLICT DO NOTHING",
            {"run_id": run_id},
        )
    counts = {"candidate_pairs": compared, "verified_pairs": verified.num_rows}
    get_run_logger().info("compared %d candidate pairs, verified %d", compared, verified.num_rows)
    return counts
