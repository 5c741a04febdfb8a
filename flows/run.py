"""The pipeline flow: input files in, stories and lineage out, in one DuckDB warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger

from flows.pipeline import new_run_id, run_params, store_and_link
from tasks.inbox import record_inbox_task, select_inbox_task
from tasks.ingest import READ_BATCH
from warehouse.connection import default_db_path
from wiretrace.errors import InputError
from wiretrace.ingest import discover_inputs, read_input_batches
from wiretrace.params import PipelineParams

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@flow(name="wiretrace-run")
def wiretrace_run(
    paths: list[str] | None = None,
    db: str | None = None,
    lock_timeout: float = 600.0,
    dask_address: str | None = None,
    batch_size: int = READ_BATCH,
    config: str | None = None,
    settings: dict[str, dict[str, Any]] | None = None,
    inbox: str | None = None,
) -> dict[str, Any]:
    """Ingest ``paths`` (default: the bundled seeds), or the new files of the folder ``inbox``, into ``db``.

    With ``inbox`` (instead of ``paths``) the run takes only the folder's files that no earlier
    run took, or that changed since (:mod:`wiretrace.inbox`), and records them in the same
    write session as their articles: a failed run takes nothing. An inbox with nothing new
    opens no write session and records no run (the summary's ``run_id`` is None).

    Inputs are read, normalised and stored ``batch_size`` records at a time, so a run's
    memory does not grow with its input; each outlet's repeated boilerplate lines are learned
    within a batch.

    With ``dask_address`` (``tcp://host:port``) normalisation, signatures, verification and
    lineage are computed on that Dask cluster, in chunks (:mod:`flows.dask_stages`); reading,
    candidate SQL and every write of the warehouse stay in this process.

    ``config`` names a settings file (default: ``$WIRETRACE_CONFIG``, else ``wiretrace.toml``
    or ``[tool.wiretrace]`` in ``pyproject.toml`` in the working folder); ``settings``
    overrides it, as ``{"verify": {"narrative_containment": 0.15}}``
    (:mod:`wiretrace.settings`). Bad settings fail the run before anything is read.

    All-or-nothing: the run writes a private copy of the warehouse and replaces the
    warehouse with it only after every data check passes. Re-running on the same input
    changes no stored row (a new runs row records the attempt).
    """
    params = run_params(config, settings)
    db_path = default_db_path(db)
    if inbox is not None:
        if paths:
            raise InputError("give either input paths or an inbox folder, not both")
        return _take_inbox(db_path, inbox, lock_timeout, dask_address, batch_size, params)
    inputs = [str(p) for p in discover_inputs(paths or [str(SEEDS)])]
    batches = read_input_batches(inputs, batch_size)
    return store_and_link(
        db_path, new_run_id(), inputs, batches, lock_timeout, dask_address=dask_address, params=params
    )


def _take_inbox(
    db_path: Path,
    inbox: str,
    lock_timeout: float,
    dask_address: str | None,
    batch_size: int,
    params: PipelineParams,
) -> dict[str, Any]:
    """Run on the inbox's new and changed files; with none, log it and return a summary without a run."""
    selection = select_inbox_task(str(db_path), inbox)
    if not selection.take:
        get_run_logger().info(
            "inbox %s: nothing new (%d files already taken): no run", selection.root, selection.unchanged
        )
        empty = dict.fromkeys(("articles_read", "new_articles", "revised_articles", "already_stored", "quarantined"), 0)
        return {"run_id": None, "db": str(db_path), **empty, **selection.counts()}
    run_id = new_run_id()
    return store_and_link(
        db_path,
        run_id,
        selection.paths,
        read_input_batches(selection.paths, batch_size),
        lock_timeout,
        extra_writes=lambda work: record_inbox_task(work, run_id, selection),
        dask_address=dask_address,
        params=params,
    )
