"""The pipeline flow: input files in, stories and lineage out, in one DuckDB warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow

from flows.pipeline import new_run_id, run_params, store_and_link
from tasks.ingest import READ_BATCH
from warehouse.connection import default_db_path
from wiretrace.ingest import discover_inputs, read_input_batches

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
) -> dict[str, Any]:
    """Ingest ``paths`` (default: the bundled seeds) into the warehouse ``db``.

    Inputs are read, normalised and stored ``batch_size`` records at a time, so a run's
    memory does not grow with its input; each outlet's repeated boilerplate lines are learned
    within a batch.

    With ``dask_address`` (``tcp://host:port``) signatures are computed on that Dask
    cluster (:mod:`flows.sign_dask`); everything else, and every write, stays here.

    ``config`` names a settings file (default: ``$WIRETRACE_CONFIG``, else ``wiretrace.toml``
    or ``[tool.wiretrace]`` in ``pyproject.toml`` in the working folder); ``settings``
    overrides it, as ``{"verify": {"narrative_containment": 0.15}}``
    (:mod:`wiretrace.settings`). Bad settings fail the run before anything is read.

    All-or-nothing: the run writes a private copy of the warehouse and replaces the
    warehouse with it only after every data check passes. Re-running on the same input
    changes no stored row (a new runs row records the attempt).
    """
    params = run_params(config, settings)
    inputs = [str(p) for p in discover_inputs(paths or [str(SEEDS)])]
    batches = read_input_batches(inputs, batch_size)
    return store_and_link(
        default_db_path(db), new_run_id(), inputs, batches, lock_timeout, dask_address=dask_address, params=params
    )
