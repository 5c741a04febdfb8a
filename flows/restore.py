"""The restore flow: make a kept version the warehouse again, through a locked, atomic publish."""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.pipeline import flow_run_id, library_versions, new_run_id
from tasks.restore import record_restore_task
from warehouse.connection import default_db_path
from warehouse.session import write_session
from warehouse.versions import find_version, last_run_id

RESTORE_FLOW = "wiretrace-restore"


@flow(name=RESTORE_FLOW)
def wiretrace_restore(version: str, db: str | None = None, lock_timeout: float = 10.0) -> dict[str, Any]:
    """Make the kept version ``version`` (its name, or its number in ``wiretrace restore``'s listing)
    the warehouse ``db`` again.

    Like a run: under the writer lock (waiting at most ``lock_timeout`` seconds), the version is
    copied to a working copy, migrated, checked and given a ``wt.runs`` row (status ``restored``,
    ``parameters.flow`` = ``wiretrace-restore``, the version and the run it replaces), then
    published; the replaced warehouse becomes a kept version, so a restore can itself be undone.
    The version file is only read. An unknown version raises
    :class:`~wiretrace.errors.VersionNotFoundError` before anything changes.
    """
    db_path = default_db_path(db).resolve()
    kept = find_version(db_path, version)
    run_id = new_run_id()
    parameters: dict[str, object] = {
        "flow": RESTORE_FLOW,
        "db": str(db_path),
        "version": kept.name,
        "version_run_id": kept.run_id,
        "lock_timeout": lock_timeout,
    }
    with write_session(db_path, run_id, lock_timeout, restore_from=kept.path) as work:
        parameters["replaced_run_id"] = last_run_id(db_path) if db_path.exists() else None
        counts = record_restore_task(str(work), run_id, flow_run_id(), parameters, library_versions())
    return {
        "run_id": run_id,
        "db": str(db_path),
        "status": "restored",
        "version": kept.name,
        "version_run_id": kept.run_id,
        "replaced_run_id": parameters["replaced_run_id"],
        **counts,
    }
