"""Candidate pairs from shared band keys (SQL), then verification (core)."""

from __future__ import annotations

import duckdb
import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from tasks._pool import Cluster, Submitter, in_order, process_pool, worker_count
from tasks._progress import Advance, progress_bar
from warehouse.connection import sql
from wiretrace.params import PipelineParams, VerifyParams
from wiretrace.verify import pairs_table, segments, verify_segment, verify_streamed

CHUNK = 5000  # candidate pairs verified between progress updates
TEXT_BATCH = 2048  # articles read from DuckDB at a time
#: Runs with at least this many candidate pairs verify them on every core (starting workers costs ~2 s).
PARALLEL_MIN_PAIRS = 50_000
#: Most candidate pairs in one worker's segment; a run has one segment per worker up to that size.
#: Fewer, larger segments read fewer articles twice (those within a window of a segment's start):
#: on 20,000 articles, 6 segments built 2.5x as many profiles as one process and gained nothing, 2 gained 1.4x.
SEGMENT_MAX_PAIRS = 400_000


@task(name="candidates-and-verify", cache_policy=NO_CACHE)
def verify_task(work: str, run_id: str, params: PipelineParams) -> dict[str, int]:
    """:func:`verify` on this machine."""
    return verify(work, run_id, params)


def verify(work: str, run_id: str, params: PipelineParams, cluster: Cluster | None = None) -> dict[str, int]:
    """Find candidate pairs involving this run's articles, verify them, store verified pairs.

    Candidates (SQL), reading and writing happen here. Verification runs here, in a pool of
    processes for large runs, or on ``cluster``: in time-contiguous segments (one per worker,
    at most ``SEGMENT_MAX_PAIRS`` pairs each), the same segments a pool gets, so the same pairs.

    On ``cluster``, call it from the flow, not from inside a task: a task submitted from a task
    carries that task's parameters to the worker.
    """
    sig, ver = params.signature, params.verify
    window = None if ver.time_window_days is None else int(ver.time_window_days * 24 * 60)
    # The candidate join is DuckDB's largest query; its connection is closed before
    # verification so that the memory it took is not held while the articles are compared.
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
    with transaction(work) as con:
        workers = worker_count()
        with progress_bar("verify", len(candidates)) as advance:
            if cluster is not None:
                parts, compared = _verify_in_segments(con, candidates, order, ver, cluster, cluster.workers(), advance)
            elif workers > 1 and len(candidates) >= PARALLEL_MIN_PAIRS:
                with process_pool(workers) as pool:
                    parts, compared = _verify_in_segments(con, candidates, order, ver, pool, workers, advance)
            else:
                parts, compared = _verify_here(con, candidates, order, ver, advance)
        verified = pa.concat_tables([pairs_table([]), *parts]).sort_by([("a", "ascending"), ("b", "ascending")])
        con.register("verified_pairs", verified)
        con.execute(sql("insert_pairs"), {"run_id": run_id})
    counts = {"candidate_pairs": compared, "verified_pairs": verified.num_rows}
    get_run_logger().info("compared %d candidate pairs, verified %d", compared, verified.num_rows)
    return counts


def _verify_here(
    con: duckdb.DuckDBPyConnection,
    candidates: list[tuple[str, str]],
    order: list[str],
    params: VerifyParams,
    advance: Advance,
) -> tuple[list[pa.Table], int]:
    """Verify in this process, reading the articles once, as a stream."""
    texts = con.execute(sql("profiles_input"), {"ids": order})  # in that order; results stream (DuckDB 2)
    rows = (row for batch in iter(lambda: texts.fetchmany(TEXT_BATCH), []) for row in batch)
    parts, compared = [], 0
    for part, n in verify_streamed(candidates, order, rows, params, chunk=CHUNK):
        parts.append(part)
        compared += n
        advance(n)
    return parts, compared


def _verify_in_segments(
    con: duckdb.DuckDBPyConnection,
    candidates: list[tuple[str, str]],
    order: list[str],
    params: VerifyParams,
    pool: Submitter,
    workers: int,
    advance: Advance,
) -> tuple[list[pa.Table], int]:
    """Verify segment by segment in ``pool`` (processes or a cluster), one segment per worker of at
    most ``SEGMENT_MAX_PAIRS`` pairs (same pairs as :func:`_verify_here`), results in segment order.

    This process reads each segment's articles and hands them over; at most ``workers + 1``
    segments' texts are held at once.
    """
    size = max(1, min(-(-len(candidates) // workers), SEGMENT_MAX_PAIRS))
    jobs = (
        (None, (pairs, ids, con.execute(sql("profiles_input"), {"ids": ids}).fetchall(), params))
        for pairs, ids in segments(candidates, order, size)
    )
    parts, compared = [], 0
    for _, (part, n) in in_order(pool, verify_segment, jobs, ahead=workers):
        parts.append(part)
        compared += n
        advance(n)
    return parts, compared
