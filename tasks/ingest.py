"""Read input files and normalise their articles."""

from __future__ import annotations

from functools import partial

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._pool import process_pool, worker_count
from tasks._progress import progress_bar
from wiretrace.ingest import IngestResult, read_inputs
from wiretrace.normalise import NormalisedBatch, normalise_articles


@task(name="read-inputs", cache_policy=NO_CACHE)
def read_inputs_task(paths: list[str]) -> IngestResult:
    with progress_bar("ingest", None) as advance:
        result = read_inputs(paths, on_record=advance)
    get_run_logger().info("read %d articles, rejected %d records", result.articles.num_rows, result.rejects.num_rows)
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
