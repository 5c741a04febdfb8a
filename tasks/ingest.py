"""Read input files and normalise their articles, a batch at a time."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._pool import process_pool, worker_count
from wiretrace.ingest import IngestResult
from wiretrace.normalise import NormalisedBatch, normalise_articles

#: Records a run reads, normalises and stores at a time: what bounds its memory whatever the
#: size of its input. An outlet's repeated boilerplate lines are learned within one batch.
READ_BATCH = 100_000


@task(name="read-batch", cache_policy=NO_CACHE)
def read_batch_task(batches: Iterator[IngestResult]) -> IngestResult | None:
    """The next batch of the inputs (see :func:`wiretrace.ingest.read_input_batches`), None after the last."""
    result = next(batches, None)
    if result is not None:
        get_run_logger().info(
            "read %d articles, rejected %d records", result.articles.num_rows, result.rejects.num_rows
        )
    return result


#: Batches at least this large are normalised on every core (starting workers costs ~2 s).
PARALLEL_MIN_ARTICLES = 5000


@task(name="normalise", cache_policy=NO_CACHE)
def normalise_task(result: IngestResult) -> NormalisedBatch:
    """Normalise the batch; large batches in a pool of processes (same result)."""
    workers = worker_count()
    if workers > 1 and result.articles.num_rows >= PARALLEL_MIN_ARTICLES:
        with process_pool(workers) as pool:
            batch = normalise_articles(result.articles, partial(pool.map, chunksize=256))
    else:
        batch = normalise_articles(result.articles)
    get_run_logger().info(
        "normalised %d articles: %d attributions, %d quotes",
        batch.articles.num_rows,
        batch.attributions.num_rows,
        batch.quotes.num_rows,
    )
    return batch
