"""Leave the run's report in Prefect: a markdown summary and a table of its largest stories."""

from __future__ import annotations

import json
from contextlib import closing

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from warehouse.connection import connect_reader, sql
from wiretrace.report import run_summary_markdown, stories_table

SUMMARY_KEY = "wiretrace-run-summary"
STORIES_KEY = "wiretrace-run-stories"


@task(name="report-run", cache_policy=NO_CACHE)
def report_run_task(db: str, run_id: str, limit: int = 20) -> None:
    """Read the published warehouse (read-only) and create the run's two artifacts.

    Runs after publishing, so a run that failed its checks leaves no report.
    """
    with closing(connect_reader(db, hot_only=True)) as con:
        found = con.sql(sql("run_report_summary"), params={"run_id": run_id}).to_arrow_table().to_pylist()
        if not found:
            raise LookupError(f"run {run_id} is not in the warehouse {db}")
        summary = found[0]
        stories = con.sql(sql("run_report_stories"), params={"run_id": run_id, "limit": limit}).to_arrow_table()
    counts = json.loads(summary["counts"] or "{}")
    create_markdown_artifact(
        markdown=run_summary_markdown(summary, counts), key=SUMMARY_KEY, description=f"wiretrace run {run_id}"
    )
    create_table_artifact(
        table=stories_table(stories.to_pylist()),
        key=STORIES_KEY,
        description=f"largest new or grown stories of run {run_id}",
    )
    get_run_logger().info("run %s: report with %d stories", run_id, stories.num_rows)
