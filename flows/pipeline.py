"""The pipeline stages every flow shares: from an ingest result to stories and lineage in the warehouse.

Not a flow itself: flows call :func:`store_and_link` with what they read (files, polled feeds).
It must be called inside a flow run (it calls Prefect tasks).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from prefect.runtime import flow_run

from flows.sign_dask import sign_on_dask
from tasks._progress import progress_bar
from tasks.finish import finish_run_task
from tasks.ingest import normalise_task, read_batch_task
from tasks.lineage import lineage_task
from tasks.load import LoadCounts, load_articles_task, open_run_task
from tasks.report import report_run_task
from tasks.sign import sign_task
from tasks.stories import stories_task
from tasks.verify import verify_task
from warehouse.session import write_session
from wiretrace.ingest import IngestResult
from wiretrace.params import PipelineParams
from wiretrace.settings import Settings, find_config, pipeline_params, read_config

VERSIONED = (
    "wiretrace",
    "prefect",
    "duckdb",
    "datasketch",
    "pyarrow",
    "numpy",
    "trafilatura",
    "xxhash",
    "feedparser",
    "httpx",
    "warcio",
    "numba",
)

#: Extra writes of a flow inside the run's write session: called with the working copy's path,
#: returns counts for the run summary.
ExtraWrites = Callable[[str], dict[str, int]]


def new_run_id() -> str:
    """A run id that sorts by start time: ``r-YYYYmmddTHHMMSS-<8 hex>``."""
    return f"r-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def library_versions() -> dict[str, str]:
    found = {}
    for name in VERSIONED:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def store_and_link(
    db_path: Path,
    run_id: str,
    inputs: list[str],
    batches: Iterator[IngestResult],
    lock_timeout: float,
    extra_writes: ExtraWrites | None = None,
    dask_address: str | None = None,
    params: PipelineParams | None = None,
) -> dict[str, Any]:
    """Normalise and store ``batches``, then sign, verify, cluster and link, in one all-or-nothing write session.

    ``batches`` are read as they are needed, inside the session: an input that fails to read
    leaves the warehouse as it was. ``extra_writes`` runs in the same session after the run is
    opened (so its rows carry the run id and are published, or discarded, with everything
    else). With ``dask_address`` the signatures are computed on that Dask cluster. ``params``
    (default: the defaults) decide the output and are recorded with the run. Returns the run
    summary.
    """
    params = params or PipelineParams()
    with write_session(db_path, run_id, lock_timeout) as work_path:
        work = str(work_path)
        open_run_task(work, run_id, flow_run_id(), params, inputs, library_versions())
        extra = extra_writes(work) if extra_writes is not None else {}
        articles_read, loaded = _store_articles(work, run_id, batches)
        if dask_address:
            signed = sign_on_dask(work, run_id, params.signature, dask_address)
        else:
            signed = sign_task(work, run_id, params.signature)
        verified = verify_task(work, run_id, params)
        window = params.verify.time_window_days
        touched = stories_task(work, run_id, None if window is None else timedelta(days=window))
        edges = lineage_task(work, run_id, touched, params.verify.shingle_size)
        counts = {
            "articles_read": articles_read,
            "new_articles": loaded.new_articles,
            "revised_articles": loaded.revised_articles,
            "already_stored": loaded.already_stored,
            "quarantined": loaded.rejected,
            "signed": signed,
            **verified,
            "stories_touched": len(touched),
            "edges_written": edges,
            **extra,
        }
        summary = finish_run_task(work, run_id, counts)
    report_run_task(str(db_path), run_id)
    return {"run_id": run_id, "db": str(db_path), **summary}


def run_params(config: str | None, settings: Settings | None) -> PipelineParams:
    """The run's parameters: defaults, then the config file (``config``, else the one
    :func:`~wiretrace.settings.find_config` finds), then the flow's ``settings``."""
    path = Path(config) if config else find_config()
    from_file = read_config(path) if path else None
    return pipeline_params((str(path), from_file), ("flow parameter settings", settings))


def _store_articles(work: str, run_id: str, batches: Iterator[IngestResult]) -> tuple[int, LoadCounts]:
    """Read, normalise and store one batch at a time; returns (articles read, load counts).

    Invariant: at most one batch's records and normalised texts are held at once.
    """
    articles_read, loaded = 0, LoadCounts()
    with progress_bar("ingest", None) as advance:
        while (ingested := read_batch_task(batches)) is not None:
            articles_read += ingested.articles.num_rows
            rejects = ingested.rejects
            normalised = normalise_task(ingested)
            del ingested
            loaded += load_articles_task(work, run_id, normalised, rejects)
            advance(normalised.articles.num_rows + rejects.num_rows)
            del normalised, rejects
    return articles_read, loaded


def flow_run_id() -> str | None:
    """The Prefect flow run this code runs in (None outside a flow run)."""
    run = flow_run.get_id()
    return str(run) if run else None
