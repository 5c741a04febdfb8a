"""The pipeline flow: input files in, stories and lineage out, in one DuckDB warehouse."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.runtime import flow_run

from flows.sign_dask import sign_on_dask
from tasks.finish import finish_run_task
from tasks.ingest import normalise_task, read_inputs_task
from tasks.lineage import lineage_task
from tasks.load import load_articles_task, open_run_task
from tasks.sign import sign_task
from tasks.stories import stories_task
from tasks.verify import verify_task
from warehouse.connection import default_db_path
from warehouse.session import write_session
from wiretrace.ingest import discover_inputs
from wiretrace.params import PipelineParams

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
VERSIONED = ("wiretrace", "prefect", "duckdb", "datasketch", "pyarrow", "numpy", "trafilatura", "xxhash", "numba")


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


@flow(name="wiretrace-run")
def wiretrace_run(
    paths: list[str] | None = None, db: str | None = None, lock_timeout: float = 600.0, dask_address: str | None = None
) -> dict[str, Any]:
    """Ingest ``paths`` (default: the bundled seeds) into the warehouse ``db``.

    With ``dask_address`` (``tcp://host:port``) signatures are computed on that Dask
    cluster (:mod:`flows.sign_dask`); everything else, and every write, stays here.

    All-or-nothing: the run writes a private copy of the warehouse and replaces the
    warehouse with it only after every data check passes. Re-running on the same input
    changes no stored row (a new runs row records the attempt).
    """
    inputs = [str(p) for p in discover_inputs(paths or [str(SEEDS)])]
    params = PipelineParams()
    run_id = new_run_id()
    ingested = read_inputs_task(inputs)
    batch = normalise_task(ingested)
    db_path = default_db_path(db)
    with write_session(db_path, run_id, lock_timeout) as work_path:
        work = str(work_path)
        open_run_task(work, run_id, _flow_run_id(), params, inputs, library_versions())
        loaded = load_articles_task(work, run_id, batch, ingested.rejects)
        if dask_address:
            signed = sign_on_dask(work, run_id, params.signature, dask_address)
        else:
            signed = sign_task(work, run_id, params.signature)
        verified = verify_task(work, run_id, params)
        touched = stories_task(work, run_id)
        edges = lineage_task(work, run_id, touched)
        counts = {
            "articles_read": ingested.articles.num_rows,
            "new_articles": loaded.new_articles,
            "already_stored": loaded.already_stored,
            "quarantined": loaded.rejected,
            "signed": signed,
            **verified,
            "stories_touched": len(touched),
            "edges_written": edges,
        }
        summary = finish_run_task(work, run_id, counts)
    return {"run_id": run_id, "db": str(db_path), **summary}


def _flow_run_id() -> str | None:
    run = flow_run.get_id()
    return str(run) if run else None
