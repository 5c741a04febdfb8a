"""The signature stage on an existing Dask cluster (prefect-dask), as a subflow of the run.

Articles are read and the results written by this process; the cluster only computes
signatures, one task per chunk of ``chunk_size`` articles (never one per article), and its
workers never open the warehouse. Chunks are read as they are submitted and stored as they
come back, at most ``in_flight`` at a time, so the run's texts are never all in memory.
Workers must be able to import ``wiretrace`` (install the project there). Values are
identical to a local run: the same pure function signs each chunk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import pyarrow as pa
from prefect import flow
from prefect.task_runners import TaskRunner

from tasks.sign import sign_and_store, sign_chunk_task, store_signatures_task
from wiretrace.params import SignatureParams

#: Articles per task: large enough that task overhead is negligible.
DEFAULT_CHUNK = 5000
#: Chunks on the cluster at once: enough to keep a few workers busy, few enough to bound memory.
IN_FLIGHT = 8


@flow(name="wiretrace-sign-dask")
def sign_on_cluster(
    work: str, run_id: str, params: SignatureParams, chunk_size: int = DEFAULT_CHUNK, in_flight: int = IN_FLIGHT
) -> int:
    """Sign this run's articles with tasks on the flow's task runner; return how many were signed."""

    def start(batch: pa.RecordBatch) -> Callable[[], pa.Table]:
        return sign_chunk_task.submit(batch, params).result

    return sign_and_store(work, run_id, params, chunk_size, start, in_flight, store=store_signatures_task)


def sign_on_dask(work: str, run_id: str, params: SignatureParams, address: str, chunk_size: int | None = None) -> int:
    """Run :func:`sign_on_cluster` on the Dask scheduler at ``address`` (``tcp://host:port``)."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as err:
        raise RuntimeError("--dask-address needs prefect-dask: pip install 'wiretrace[dask]'") from err
    runner = cast(TaskRunner[Any], DaskTaskRunner(address=address))
    return sign_on_cluster.with_options(task_runner=runner)(
        work, run_id, params, chunk_size or DEFAULT_CHUNK, IN_FLIGHT
    )
