"""Poll feeds: read the stored polling state, fetch, and record what was fetched in the run."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from tasks.fetcher import Fetcher, PollOutcome, PollState, Validators, poll_feeds
from warehouse.connection import connect_reader, sql
from wiretrace.failures import count_by_kind
from wiretrace.ingest import IngestResult, articles_from_records
from wiretrace.params import FetchParams
from wiretrace.schemas import FEED_ENTRY, FETCH, HTTP_CACHE
from wiretrace.sources import EntryState, FeedEntry


@task(name="load-poll-state", cache_policy=NO_CACHE)
def load_poll_state_task(db: str, feeds: list[str]) -> PollState:
    """Validators and entry states of ``feeds`` from the published warehouse (read-only; empty if none)."""
    state = PollState()
    if not Path(db).exists():
        return state
    with closing(connect_reader(db)) as con:
        exists = con.execute(sql("poll_tables_exist")).fetchone()
        if not exists or not exists[0]:
            return state
        for url, etag, last_modified, body_hash in con.execute(sql("poll_validators"), {"feeds": feeds}).fetchall():
            state.validators[url] = Validators(etag, last_modified, body_hash)
        for feed_url, key, link, title, published_at, digest, status, attempts in con.execute(
            sql("poll_entries"), {"feeds": feeds}
        ).fetchall():
            entry = FeedEntry(key=key, link=link, title=title, published_at=published_at, digest=digest)
            state.entries.setdefault(feed_url, {})[key] = EntryState(entry, status, attempts)
    return state


@task(name="fetch-feeds", cache_policy=NO_CACHE)
def fetch_feeds_task(feeds: list[str], state: PollState, params: FetchParams) -> PollOutcome:
    """Fetch the feeds and the pages of their new, changed and pending entries (all network I/O)."""
    with Fetcher(params) as fetcher:
        outcome = poll_feeds(feeds, state, fetcher)
    failed = sum(1 for f in outcome.fetches if f["outcome"] == "failed")
    get_run_logger().info(
        "%d requests (%d failed), %d page records", len(outcome.fetches), failed, len(outcome.records)
    )
    return outcome


@task(name="extract-pages", cache_policy=NO_CACHE)
def extract_pages_task(outcome: PollOutcome) -> IngestResult:
    """Fetched pages into articles and rejects, by the same rules as every input."""
    result = articles_from_records(outcome.records)
    get_run_logger().info("extracted %d articles, rejected %d pages", result.articles.num_rows, result.rejects.num_rows)
    return result


@task(name="record-poll", cache_policy=NO_CACHE)
def record_poll_task(work: str, run_id: str, outcome: PollOutcome) -> dict[str, Any]:
    """Store the poll's fetch log, validators and entry states in the run's working copy."""
    with transaction(work) as con:
        con.register("poll_fetches", pa.Table.from_pylist(outcome.fetches, schema=FETCH))
        con.register("poll_cache", pa.Table.from_pylist(outcome.cache, schema=HTTP_CACHE))
        con.register("poll_entries", pa.Table.from_pylist(outcome.entries, schema=FEED_ENTRY))
        con.execute(sql("record_fetch_log"), {"run_id": run_id})
        con.execute(sql("record_http_cache"), {"run_id": run_id})
        con.execute(sql("record_feed_entries"), {"run_id": run_id})
    failed = [f["reason"] for f in outcome.fetches if f["outcome"] == "failed"]
    return {
        "requests": len(outcome.fetches),
        "failed_requests": len(failed),
        "failed_by_reason": count_by_kind(str(r) if r is not None else None for r in failed),
        "pages_fetched": sum(1 for f in outcome.fetches if f["kind"] == "page" and f["outcome"] == "fetched"),
    }
