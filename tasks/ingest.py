"""Read input files and normalise their articles, a batch at a time."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._pool import Cluster, chunked_map, process_pool, worker_count
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
#: Articles per normalisation job on a cluster: a job holds this many texts (a few MB), never the batch.
CLUSTER_CHUNK = 2000


@task(name="normalise", cache_policy=NO_CACHE)
def normalise_task(result: IngestResult) -> NormalisedBatch:
    """:func:`normalise` in this machine's processes."""
    return normalise(result)


def normalise(result: IngestResult, cluster: Cluster | None = None) -> NormalisedBatch:
    """Normalise the batch; large batches in a pool of processes, or on ``cluster`` in jobs of
    ``CLUSTER_CHUNK`` articles (same result: :func:`~wiretrace.normalise.normalise_articles` does
    not depend on its ``mapper``).

    On ``cluster``, call it from the flow, not from inside a task: a task submitted from a task
    carries that task's parameters to the worker.
    """
    workers = worker_count()
    if cluster is not None:
        batch = normalise_articles(result.articles, chunked_map(cluster, CLUSTER_CHUNK, ahead=cluster.workers()))
    elif workers > 1 and result.articles.num_rows >= PARALLEL_MIN_ARTICLES:
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
