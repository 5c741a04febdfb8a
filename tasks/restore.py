"""Restore a kept version: check the working copy made from it and record the restore as a run."""

from __future__ import annotations

import json

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import migrate_working_copy, transaction
from warehouse.checks import assert_checks
from warehouse.connection import sql
from warehouse.parts import listed_parts


@task(name="record-restore", cache_policy=NO_CACHE)
def record_restore_task(
    work: str, run_id: str, flow_run_id: str | None, parameters: dict[str, object], versions: dict[str, str]
) -> dict[str, int]:
    """Migrate the restored copy (a version may predate this code's migrations), make the views again
    if they changed, run the data checks (fail = publish nothing) and add a ``wt.runs`` row with status
    ``restored``; return its counts."""
    applied = migrate_working_copy(work)
    with transaction(work) as con:
        assert_checks(con)
        row = con.execute(sql("version_summary")).fetchone()
        frozen = sum(part.n_articles for part in listed_parts(con))
        counts = {"articles": (int(row[4]) if row else 0) + frozen}
        con.execute(
            sql("record_restore_run"),
            {
                "run_id": run_id,
                "flow_run_id": flow_run_id,
                "parameters": json.dumps({**parameters, "migrations_applied": applied}),
                "versions": json.dumps(versions),
                "counts": json.dumps(counts),
            },
        )
    get_run_logger().info("restoring %s: %s", parameters.get("version"), counts)
    return counts
