"""The polling flow: fetch feeds and their new pages, then run the pipeline on what came in."""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger

from flows.pipeline import new_run_id, run_params, store_and_link
from tasks.poll import extract_pages_task, fetch_feeds_task, load_poll_state_task, record_poll_task
from warehouse.connection import default_db_path
from wiretrace.params import FetchParams
from wiretrace.sources import feed_urls


@flow(name="wiretrace-poll")
def wiretrace_poll(
    feeds: list[str] | None = None,
    feeds_file: str | None = None,
    db: str | None = None,
    lock_timeout: float = 600.0,
    fetch: FetchParams | None = None,
    config: str | None = None,
    settings: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Poll ``feeds`` (and those listed in ``feeds_file``) into the warehouse ``db``.

    Fetching happens before the write session (the writer lock is not held during network
    I/O); the poll's state (validators, entries, fetch log) is then written in the same
    all-or-nothing session as the articles. A poll that finds nothing new (HTTP 304 or
    unchanged feeds, no pending entries) writes nothing and records no run, and so does one
    whose ``feeds_file`` lists no feed (only comments, as ``wiretrace init`` writes it). ``config`` and
    ``settings``: the pipeline's settings, as for ``wiretrace_run``.

    A poll in which every request failed, or every fetched page was quarantined, is recorded
    (fetch log, quarantine, a ``failed`` row in ``lineage.runs``) and then fails with
    :class:`~wiretrace.errors.NothingUsableError` (:mod:`wiretrace.failures`).
    """
    params = run_params(config, settings)
    urls = feed_urls(feeds, feeds_file, required=False)
    db_path = default_db_path(db)
    if not urls:
        get_run_logger().info("no feeds configured in %s: nothing to poll", feeds_file)
        return {"run_id": None, "db": str(db_path), "feeds": 0, "requests": 0, "new_articles": 0, "revised_articles": 0}
    state = load_poll_state_task(str(db_path), urls)
    outcome = fetch_feeds_task(urls, state, fetch or FetchParams())
    requests = {"feeds": len(urls), "requests": len(outcome.fetches)}
    if not outcome.changed:
        get_run_logger().info("nothing new in %d feeds: no run", len(urls))
        return {"run_id": None, "db": str(db_path), **requests, "new_articles": 0, "revised_articles": 0}
    ingested = extract_pages_task(outcome)
    run_id = new_run_id()
    return store_and_link(
        db_path,
        run_id,
        urls,
        iter([ingested]),
        lock_timeout,
        extra_writes=lambda work: record_poll_task(work, run_id, outcome),
        params=params,
        kind="poll",
    )
