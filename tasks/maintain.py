"""Nightly upkeep of the warehouse: record and check the maintenance run, then compact the working copy."""

from __future__ import annotations

import json
import os
from contextlib import closing
from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import migrate_working_copy, transaction
from warehouse.checks import assert_checks
from warehouse.connection import connect_reader, sql
from warehouse.maintenance import compact_copy, table_counts
from wiretrace.errors import CompactionMismatchError


@task(name="record-maintenance", cache_policy=NO_CACHE)
def record_maintenance_task(
    work: str,
    run_id: str,
    flow_run_id: str | None,
    parameters: dict[str, object],
    versions: dict[str, str],
    bytes_before: int,
) -> None:
    """Migrate, make the views again if they changed, run the data checks over the whole warehouse
    (fail = publish nothing) and add a ``wt.runs`` row."""
    migrate_working_copy(work)
    with transaction(work, with_parts=True) as con:
        assert_checks(con, "whole")
        con.execute(
            sql("record_maintenance_run"),
            {
                "run_id": run_id,
                "flow_run_id": flow_run_id,
                "parameters": json.dumps(parameters),
                "versions": json.dumps(versions),
                "counts": json.dumps({"bytes_before": bytes_before}),
            },
        )


@task(name="compact", cache_policy=NO_CACHE)
def compact_task(work: str) -> dict[str, int]:
    """Replace the working copy by a compacted copy holding exactly its rows and passing the data checks.

    Compaction comes last: any later write would take fresh blocks and grow the file again.
    """
    source = Path(work)
    compacted = source.with_name(source.name + ".compact")  # matched by the stale-copy cleanup
    try:
        compact_copy(source, compacted)
        with closing(connect_reader(source)) as con:
            before = table_counts(con)
        with closing(connect_reader(compacted)) as con:
            after = table_counts(con)
            assert_checks(con)
        if before != after:
            differing = sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
            raise CompactionMismatchError(f"compacted copy of {work} differs in: {', '.join(differing)}")
        os.replace(compacted, source)
    finally:
        compacted.unlink(missing_ok=True)
    result = {"rows": sum(after.values()), "bytes_after": source.stat().st_size}
    get_run_logger().info("compacted %s: %s", source.name, result)
    return result
