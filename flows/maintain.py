"""The nightly maintenance flow: re-run the data checks, compact the warehouse, clear leftovers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from prefect import flow

from flows.pipeline import flow_run_id, library_versions, new_run_id, record_failure, writer_session
from tasks.maintain import compact_task, record_maintenance_task
from tasks.parts import freeze_task
from warehouse.connection import default_db_path
from wiretrace.errors import WarehouseBusyError
from wiretrace.freezing import DEFAULT_HOT_DAYS

MAINTAIN_FLOW = "wiretrace-maintain"


@flow(name=MAINTAIN_FLOW)
def wiretrace_maintain(
    db: str | None = None, lock_timeout: float = 600.0, hot_days: int = DEFAULT_HOT_DAYS
) -> dict[str, Any]:
    """Check the warehouse ``db``, freeze its settled months and compact its hot part, through a
    write session: one writer at a time and all-or-nothing, like a run.

    Under the writer lock: files left by interrupted runs are deleted; the working copy is
    migrated, must pass every data check over the whole warehouse (hot and frozen parts), and gets a
    ``wt.runs`` row (``parameters.flow`` = ``wiretrace-maintain``, ``counts.bytes_before``); the
    components of the pair graph whose newest article's month ended ``hot_days`` before the newest
    article move into new frozen parts (:mod:`warehouse.parts`); then it is rewritten densely, and the
    rewrite must hold exactly its rows and pass the checks before it replaces the warehouse.
    No warehouse yet: nothing to do. A maintenance run that fails is recorded as ``failed`` (its
    own row only), like a run.
    """
    db_path = default_db_path(db).resolve()
    run_id = new_run_id()
    if not db_path.exists():
        return {"run_id": run_id, "db": str(db_path), "status": "no warehouse"}
    parameters: dict[str, object] = {
        "flow": MAINTAIN_FLOW,
        "db": str(db_path),
        "lock_timeout": lock_timeout,
        "hot_days": hot_days,
    }
    started = datetime.now(UTC)
    try:
        with writer_session(db_path, run_id, lock_timeout, MAINTAIN_FLOW) as work:
            bytes_before = db_path.stat().st_size
            record_maintenance_task(work, run_id, flow_run_id(), parameters, library_versions(), bytes_before)
            frozen = freeze_task(work, run_id, hot_days)
            compacted = compact_task(work)
    except WarehouseBusyError:
        raise
    except Exception as err:
        record_failure(db_path, run_id, started, [], json.dumps(parameters), err, lock_timeout, MAINTAIN_FLOW)
        raise
    return {
        "run_id": run_id,
        "db": str(db_path),
        "status": "succeeded",
        "bytes_before": bytes_before,
        **frozen,
        **compacted,
    }
