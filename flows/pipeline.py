"""The pipeline stages every flow shares: from an ingest result to stories and lineage in the warehouse.

Not a flow itself: flows call :func:`store_and_link` with what they read (files, polled feeds).
It must be called inside a flow run (it calls Prefect tasks).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime, timedelta
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
from prefect import get_run_logger
from prefect.exceptions import MissingContextError
from prefect.runtime import flow_run

from flows.dask_stages import dask_cluster
from tasks._db import migrate_working_copy
from tasks._pool import Cluster
from tasks._progress import progress_bar
from tasks.finish import finish_run_task
from tasks.ingest import normalise, normalise_task, read_batch_task
from tasks.lineage import lineage, lineage_task
from tasks.load import LoadCounts, load_articles_task, open_run_task, quarantine_empty_files_task
from tasks.parts import thaw_task
from tasks.report import report_run_task
from tasks.runs import fallback_logger, mark_flow_runs_crashed, record_crashed_runs_task, record_failed_run_task
from tasks.sign import sign, sign_task
from tasks.stories import stories_task
from tasks.verify import verify, verify_task
from warehouse.session import clear_crash, pending_crashes, write_session
from wiretrace.errors import InputError, NothingUsableError, WarehouseBusyError, WarehouseTooNewError
from wiretrace.failures import nothing_usable
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
ExtraWrites = Callable[[str], dict[str, Any]]


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
    kind: str = "run",
) -> dict[str, Any]:
    """Normalise and store ``batches``, then sign, verify, cluster and link, in one all-or-nothing write session.

    ``batches`` are read as they are needed, inside the session: an input that fails to read
    leaves the warehouse as it was. ``extra_writes`` runs in the same session after the run is
    opened (so its rows carry the run id and are published, or discarded, with everything
    else). With ``dask_address`` normalisation, signatures, verification and lineage are computed on
    that Dask cluster (:mod:`flows.dask_stages`); reading, candidates and every write stay here. ``params``
    (default: the defaults) decide the output and are recorded with the run. ``kind`` is "run"
    (``inputs`` are files: one that holds no record is quarantined) or "poll" (feed URLs).
    Returns the run summary.

    Every run ends in ``lineage.runs``: succeeded; failed with its error (the failed copy is
    discarded and only the run's own row is written, in a session of its own), except a run
    stopped by an input that cannot be read or a warehouse newer than the code, which writes
    nothing at all (the data contract: the message and exit status tell); or, when it read
    nothing usable (:mod:`wiretrace.failures`), failed with its quarantine and fetch log
    published, and :class:`~wiretrace.errors.NothingUsableError` is raised after publishing.
    """
    params = params or PipelineParams()
    started = datetime.now(UTC)
    try:
        summary = _store_and_link(
            db_path, run_id, inputs, batches, lock_timeout, extra_writes, dask_address, params, kind
        )
    except WarehouseBusyError:
        raise  # it never held the lock: nothing to record, and recording would wait as long again
    except (InputError, WarehouseTooNewError):
        raise  # an input or a warehouse that cannot be read stops the run before anything is written
    except Exception as err:
        record_failure(db_path, run_id, started, inputs, params.to_json(), err, lock_timeout, _FLOWS[kind])
        raise
    report_run_task(str(db_path), run_id)
    if summary.get("error"):
        raise NothingUsableError(summary["error"])
    return summary


_FLOWS = {"run": "wiretrace-run", "poll": "wiretrace-poll"}


def _store_and_link(
    db_path: Path,
    run_id: str,
    inputs: list[str],
    batches: Iterator[IngestResult],
    lock_timeout: float,
    extra_writes: ExtraWrites | None,
    dask_address: str | None,
    params: PipelineParams,
    kind: str,
) -> dict[str, Any]:
    # The cluster is reached before the lock is taken: a wrong address fails the run at once.
    on: AbstractContextManager[Cluster | None] = dask_cluster(dask_address) if dask_address else nullcontext()
    with on as cluster, writer_session(db_path, run_id, lock_timeout, _FLOWS[kind]) as work:
        open_run_task(work, run_id, flow_run_id(), params, inputs, library_versions())
        extra = extra_writes(work) if extra_writes is not None else {}
        articles_read, loaded = _store_articles(work, run_id, batches, inputs if kind == "run" else None, cluster)
        window = params.verify.time_window_days
        max_span = None if window is None else timedelta(days=window)
        thawed = thaw_task(work, run_id, max_span)
        # On a cluster, the stages run in the flow itself (their chunks are its tasks), else as tasks here.
        if cluster is None:
            signed = sign_task(work, run_id, params.signature)
            verified = verify_task(work, run_id, params)
        else:
            signed = sign(work, run_id, params.signature, cluster)
            verified = verify(work, run_id, params, cluster)
        touched = stories_task(work, run_id, max_span)
        if cluster is None:
            edges = lineage_task(work, run_id, touched, params.verify.shingle_size)
        else:
            edges = lineage(work, run_id, touched, params.verify.shingle_size, cluster)
        counts = {
            "articles_read": articles_read,
            "new_articles": loaded.new_articles,
            "revised_articles": loaded.revised_articles,
            "already_stored": loaded.already_stored,
            "quarantined": loaded.rejected,
            "quarantined_by_reason": dict(loaded.rejected_by_reason),
            "parts_thawed": thawed,
            "signed": signed,
            **verified,
            "stories_touched": len(touched),
            "edges_written": edges,
            **extra,
        }
        error = nothing_usable(kind, run_id, counts)
        summary = finish_run_task(work, run_id, counts, error)
    return {
        "run_id": run_id,
        "db": str(db_path),
        "status": "failed" if error else "succeeded",
        "error": error,
        **summary,
    }


@contextmanager
def writer_session(db_path: Path, run_id: str, lock_timeout: float, flow: str) -> Iterator[str]:
    """:func:`~warehouse.session.write_session` for a flow: waits are logged to the flow run (and the CLI's
    stderr), and runs found crashed are recorded in the working copy and marked Crashed in Prefect.

    A crash is forgotten only once both are done (published, and marked or already ended in
    Prefect); until then every later writer records it again (a no-op) and retries Prefect.
    """
    logger = _logger()
    with write_session(
        db_path, run_id, lock_timeout, flow_run_id=flow_run_id(), flow=flow, notify=logger.warning
    ) as work_path:
        work = str(work_path)
        crashes = pending_crashes(db_path)
        settled: set[str] = set()
        if crashes:
            settled = mark_flow_runs_crashed(crashes, logger)
            migrate_working_copy(work)
            record_crashed_runs_task(work, crashes)
        yield work
    for crash in crashes:
        if crash.run_id in settled:
            clear_crash(db_path, crash.run_id)


def record_failure(
    db_path: Path,
    run_id: str,
    started: datetime,
    inputs: list[str],
    parameters: str,
    error: BaseException,
    lock_timeout: float,
    flow: str,
) -> None:
    """Record a failed run (its private copy already discarded) in a small write session of its own.

    Only the run's own row (and crashes found meanwhile) is published. If that fails too, the
    reason is logged and the run stays unrecorded; the caller re-raises the original error.
    """
    message = " ".join(f"{type(error).__name__}: {error}".split())
    logger = _logger()
    try:
        with writer_session(db_path, run_id, lock_timeout, flow) as work:
            record_failed_run_task(
                work, run_id, flow_run_id(), started, inputs, parameters, library_versions(), message, []
            )
    except Exception as err:
        logger.warning("could not record the failure of run %s in %s: %s: %s", run_id, db_path, type(err).__name__, err)
    else:
        logger.warning("run %s failed and is recorded in lineage.runs: %s", run_id, message)


def _logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    try:
        return get_run_logger()
    except MissingContextError:
        return fallback_logger()


def run_params(config: str | None, settings: Settings | None) -> PipelineParams:
    """The run's parameters: defaults, then the config file (``config``, else the one
    :func:`~wiretrace.settings.find_config` finds), then the flow's ``settings``."""
    path = Path(config) if config else find_config()
    from_file = read_config(path) if path else None
    return pipeline_params((str(path), from_file), ("flow parameter settings", settings))


def _store_articles(
    work: str, run_id: str, batches: Iterator[IngestResult], files: list[str] | None, cluster: Cluster | None
) -> tuple[int, LoadCounts]:
    """Read, normalise (here, or on ``cluster``) and store one batch at a time; returns (articles read, load counts).

    Each of ``files`` (the run's input files, if any) that held no record is quarantined.
    Invariant: at most one batch's records and normalised texts are held at once.
    """
    articles_read, loaded = 0, LoadCounts()
    seen: set[str] = set()
    with progress_bar("ingest", None) as advance:
        while (ingested := read_batch_task(batches)) is not None:
            articles_read += ingested.articles.num_rows
            for table in (ingested.articles, ingested.rejects):
                seen.update(pc.unique(table.column("source_file")).to_pylist())
            rejects = ingested.rejects
            normalised = normalise_task(ingested) if cluster is None else normalise(ingested, cluster)
            del ingested
            loaded += load_articles_task(work, run_id, normalised, rejects)
            advance(normalised.articles.num_rows + rejects.num_rows)
            del normalised, rejects
    empty = [f for f in files or [] if f not in seen]
    if empty:
        loaded += quarantine_empty_files_task(work, run_id, empty)
    return articles_read, loaded


def flow_run_id() -> str | None:
    """The Prefect flow run this code runs in (None outside a flow run)."""
    run = flow_run.get_id()
    return str(run) if run else None
