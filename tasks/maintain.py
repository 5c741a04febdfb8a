"""Nightly upkeep of the warehouse: check a compacted working copy and record the maintenance run."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from warehouse.checks import assert_checks
from warehouse.connection import connect_reader, connect_writer
from warehouse.maintenance import table_counts
from warehouse.migrate import apply_views, migrate


class CompactionMismatchError(RuntimeError):
    """The compacted copy does not hold the same rows as the warehouse; nothing is published."""


@task(name="check-compacted", cache_policy=NO_CACHE)
def check_compacted_task(db: str, work: str) -> dict[str, int]:
    """Row counts of every table; raise unless the compacted ``work`` holds exactly those of ``db``."""
    with closing(connect_reader(db)) as con:
        before = table_counts(con)
    with closing(connect_writer(work)) as con:
        after = table_counts(con)
    if before != after:
        differing = sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
        raise CompactionMismatchError(f"compacted copy differs from {db} in: {', '.join(differing)}")
    return before


@task(name="record-maintenance", cache_policy=NO_CACHE)
def record_maintenance_task(
    work: str,
    run_id: str,
    flow_run_id: str | None,
    parameters: dict[str, object],
    versions: dict[str, str],
    counts: dict[str, int],
) -> None:
    """Migrate, rebuild views, run the data checks (fail = publish nothing) and add a ``wt.runs`` row."""
    with closing(connect_writer(work)) as con:
        migrate(con)
    with transaction(work) as con:
        apply_views(con)
        assert_checks(con)
        con.execute(
            "INSERT INTO wt.runs (run_id, flow_run_id, started_at, finished_at, status, inputs, parameters, "
            "versions, counts) VALUES (?, ?, now(), now(), 'succeeded', NULL, ?, ?, ?)",
            [run_id, flow_run_id, json.dumps(parameters), json.dumps(versions), json.dumps(counts)],
        )
    get_run_logger().info("maintenance %s of %s: %s", run_id, Path(work).name, counts)
