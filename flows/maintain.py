"""The nightly maintenance flow: compact the warehouse, re-run the data checks, clear leftovers."""

from __future__ import annotations

from typing import Any

from prefect import flow
from prefect.runtime import flow_run

from flows.run import library_versions, new_run_id
from tasks.maintain import check_compacted_task, record_maintenance_task
from warehouse.connection import default_db_path
from warehouse.maintenance import compact_copy
from warehouse.session import write_session

MAINTAIN_FLOW = "wiretrace-maintain"


@flow(name=MAINTAIN_FLOW)
def wiretrace_maintain(db: str | None = None, lock_timeout: float = 600.0) -> dict[str, Any]:
    """Rewrite the warehouse ``db`` densely through a write session, so it is one writer at a time
    and all-or-nothing like a run.

    Under the writer lock: files left by interrupted runs are deleted, a compacted copy is
    written, it must hold exactly the rows of every table of the warehouse and pass every data
    check, and only then replaces the warehouse. A ``wt.runs`` row (``parameters.flow`` =
    ``wiretrace-maintain``) records it with the file sizes. No warehouse yet: nothing to do.
    """
    db_path = default_db_path(db).resolve()
    run_id = new_run_id()
    if not db_path.exists():
        return {"run_id": run_id, "db": str(db_path), "status": "no warehouse"}
    parameters: dict[str, object] = {"flow": MAINTAIN_FLOW, "db": str(db_path), "lock_timeout": lock_timeout}
    with write_session(db_path, run_id, lock_timeout, copy=compact_copy) as work:
        bytes_before = db_path.stat().st_size
        bytes_after = work.stat().st_size
        rows = check_compacted_task(str(db_path), str(work))
        counts = {"bytes_before": bytes_before, "bytes_after": bytes_after, "rows": sum(rows.values())}
        record_maintenance_task(str(work), run_id, _flow_run_id(), parameters, library_versions(), counts)
    return {"run_id": run_id, "db": str(db_path), "status": "succeeded", **counts}


def _flow_run_id() -> str | None:
    run = flow_run.get_id()
    return str(run) if run else None
