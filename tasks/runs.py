"""Runs that did not succeed, in the warehouse and in Prefect: failed runs' own rows, crashed runs found later."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime

import pyarrow as pa
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.logging import get_logger

from tasks._db import migrate_working_copy, transaction
from warehouse.connection import sql
from warehouse.session import Crash

_CRASHED_RUNS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("flow_run_id", pa.string()),
        pa.field("started_at", pa.timestamp("us", tz="UTC")),
        pa.field("found_at", pa.timestamp("us", tz="UTC")),
        pa.field("flow", pa.string()),
        pa.field("error", pa.string(), nullable=False),
    ]
)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@task(name="record-crashed-runs", cache_policy=NO_CACHE)
def record_crashed_runs_task(work: str, crashes: list[Crash]) -> int:
    """Add a ``crashed`` row for each run found dead (a run already recorded keeps its row); return how many.

    Call after the working copy is migrated.
    """
    if not crashes:
        return 0
    rows = [
        {
            "run_id": c.run_id,
            "flow_run_id": c.flow_run_id,
            "started_at": _time(c.started_at),
            "found_at": _time(c.found_at),
            "flow": c.flow,
            "error": c.error,
        }
        for c in crashes
    ]
    with transaction(work) as con:
        con.register("crashed_runs", pa.Table.from_pylist(rows, schema=_CRASHED_RUNS))
        con.execute(sql("record_crashed_runs"))
    return len(rows)


@task(name="record-failed-run", cache_policy=NO_CACHE)
def record_failed_run_task(
    work: str,
    run_id: str,
    flow_run_id: str | None,
    started_at: datetime,
    inputs: list[str],
    parameters: str,
    versions: dict[str, str],
    error: str,
    crashes: list[Crash],
) -> None:
    """In a fresh working copy (the failed one was discarded): the failed run's own row, and any crashes found."""
    migrate_working_copy(work)
    with transaction(work) as con:
        con.execute(
            sql("record_failed_run"),
            {
                "run_id": run_id,
                "flow_run_id": flow_run_id,
                "started_at": started_at,
                "inputs": json.dumps(inputs),
                "parameters": parameters,
                "versions": json.dumps(versions),
                "error": error,
            },
        )
    record_crashed_runs_task(work, crashes)


def mark_flow_runs_crashed(
    crashes: list[Crash], logger: logging.Logger | logging.LoggerAdapter[logging.Logger]
) -> set[str]:
    """Set each crashed run's Prefect flow run to Crashed unless it already ended; return the run ids settled.

    A run is settled when its flow run is marked, had already ended (a worker marks the flow runs
    it started), is unknown to this Prefect API, or it had none. When the API cannot be reached,
    nothing is settled: the crash stays pending and the next writer tries again.
    """
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound
    from prefect.states import Crashed

    settled = {c.run_id for c in crashes if not c.flow_run_id}
    pending = [c for c in crashes if c.flow_run_id]
    if not pending:
        return settled
    try:
        with get_client(sync_client=True) as client:
            for crash in pending:
                assert crash.flow_run_id is not None
                try:
                    flow_run = client.read_flow_run(uuid.UUID(crash.flow_run_id))
                except ObjectNotFound:
                    logger.warning(
                        "flow run %s of crashed run %s is unknown to Prefect", crash.flow_run_id, crash.run_id
                    )
                    settled.add(crash.run_id)
                    continue
                if flow_run.state is None or not flow_run.state.is_final():
                    client.set_flow_run_state(
                        flow_run.id, Crashed(message=f"wiretrace run {crash.run_id}: {crash.error}"), force=True
                    )
                    logger.warning("marked flow run %s (run %s) Crashed: %s", flow_run.id, crash.run_id, crash.error)
                settled.add(crash.run_id)
    except Exception as err:  # the API is down or unreachable: try again with the next writer
        logger.warning(
            "could not mark the flow runs of crashed runs %s Crashed in Prefect (%s: %s); the next run tries again",
            ", ".join(c.run_id for c in pending if c.run_id not in settled),
            type(err).__name__,
            err,
        )
    return settled


def fallback_logger() -> logging.Logger:
    """A logger for code that may run outside a flow run."""
    return get_logger("wiretrace.runs")
