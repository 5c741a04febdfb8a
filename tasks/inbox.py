"""The inbox: select its new and changed files against the published warehouse, record them in the run."""

from __future__ import annotations

import os
from contextlib import closing
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from warehouse.connection import connect_reader, sql
from wiretrace.inbox import InboxFile, InboxSelection, inbox_root, select_inbox
from wiretrace.schemas import INBOX_FILE


@task(name="select-inbox", cache_policy=NO_CACHE)
def select_inbox_task(db: str, folder: str) -> InboxSelection:
    """The inbox's files to take: its listing against the records of the published warehouse (read-only)."""
    root = inbox_root(folder)
    taken = _taken(db, root)
    selection = select_inbox(root, taken)
    get_run_logger().info(
        "inbox %s: %d files, %d new, %d changed, %d already taken (%d hashed)",
        root,
        len(selection.take) + selection.unchanged,
        selection.new,
        selection.changed,
        selection.unchanged,
        selection.hashed,
    )
    return selection


def _taken(db: str, root: Path) -> dict[str, InboxFile]:
    """Records of files taken from ``root`` (none without a warehouse, or one older than migration 0003)."""
    if not Path(db).exists():
        return {}
    with closing(connect_reader(db)) as con:
        exists = con.execute(sql("inbox_table_exists")).fetchone()
        if not exists or not exists[0]:
            return {}
        rows = con.execute(sql("inbox_taken"), {"prefix": str(root).rstrip(os.sep) + os.sep}).fetchall()
    return {path: InboxFile(path, size, mtime_ns, content_hash) for path, size, mtime_ns, content_hash in rows}


@task(name="record-inbox", cache_policy=NO_CACHE)
def record_inbox_task(work: str, run_id: str, selection: InboxSelection) -> dict[str, int]:
    """Record the files the run takes in its working copy (published with its articles, or not at all)."""
    with transaction(work) as con:
        con.register("inbox_taken", pa.Table.from_pylist([asdict(f) for f in selection.take], schema=INBOX_FILE))
        con.execute(sql("record_inbox_files"), {"run_id": run_id})
    return selection.counts()
