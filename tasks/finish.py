"""Close the run: views made again if they changed, the data checks, counts recorded."""

from __future__ import annotations

import json
from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from warehouse.checks import assert_checks
from warehouse.connection import sql
from warehouse.migrate import refresh_views
from warehouse.parts import count_part_totals, warehouse_of
from wiretrace.failures import problems_line


@task(name="finish-run", cache_policy=NO_CACHE)
def finish_run_task(work: str, run_id: str, counts: dict[str, Any], error: str | None = None) -> dict[str, Any]:
    """Close the run: succeeded, or failed with ``error`` (a run that read nothing usable: its rows are
    still published). Fail (and so publish nothing) if any data check finds offending rows."""
    with transaction(work) as con:
        db = warehouse_of(work)
        refresh_views(con, db)  # a thawed part changed them
        count_part_totals(con, db)
        assert_checks(con)
        cursor = con.execute(sql("run_totals"))
        names = [column[0] for column in cursor.description or ()]
        summary = {**counts, **dict(zip(names, map(int, cursor.fetchone() or ()), strict=True))}
        con.execute(
            sql("finish_run"),
            {
                "run_id": run_id,
                "counts": json.dumps(summary),
                "status": "failed" if error else "succeeded",
                "error": error,
            },
        )
    logger = get_run_logger()
    logger.info("run %s: %s", run_id, summary)
    if error:
        logger.error(error)
    elif problems := problems_line(summary):
        logger.warning("run %s: %s", run_id, problems)
    return summary
