"""The signature stage on an existing Dask cluster (prefect-dask), as a subflow of the run.

Articles are read and the results written by this process; the cluster only computes
signatures, one mapped task per chunk of ``chunk_size`` articles (never one per article),
and its workers never open the warehouse. Workers must be able to import ``wiretrace``
(install the project there). Values are identical to a local run: the same pure function
signs each chunk.
"""

from __future__ import annotations

from typing import Any, cast

import pyarrow as pa
from prefect import flow, unmapped
from prefect.task_runners import TaskRunner

from tasks.sign import sign_chunk_task, store_signatures_task, unsigned_articles_task
from wiretrace.params import SignatureParams
from wiretrace.signatures import SIGNATURE

#: Articles per mapped task: large enough that task overhead is negligible.
DEFAULT_CHUNK = 5000


@flow(name="wiretrace-sign-dask")
def sign_on_cluster(work: str, run_id: str, params: SignatureParams, chunk_size: int = DEFAULT_CHUNK) -> int:
    """Sign this run's articles with mapped tasks on the flow's task runner; return how many."""
    ids, texts = unsigned_articles_task(work, run_id)
    starts = range(0, len(ids), chunk_size)
    futures = sign_chunk_task.map(
        [ids[s : s + chunk_size] for s in starts], [texts[s : s + chunk_size] for s in starts], unmapped(params)
    )
    tables = [f.result() for f in futures]
    signatures = pa.concat_tables(tables) if tables else SIGNATURE.empty_table()
    return store_signatures_task(work, run_id, params, signatures)


def sign_on_dask(work: str, run_id: str, params: SignatureParams, address: str, chunk_size: int | None = None) -> int:
    """Run :func:`sign_on_cluster` on the Dask scheduler at ``address`` (``tcp://host:port``)."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as err:
        raise RuntimeError("--dask-address needs prefect-dask: pip install 'wiretrace[dask]'") from err
    runner = cast(TaskRunner[Any], DaskTaskRunner(address=address))
    return sign_on_cluster.with_options(task_runner=runner)(work, run_id, params, chunk_size or DEFAULT_CHUNK)
