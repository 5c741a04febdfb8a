"""Move settled components of the warehouse into frozen parts (maintenance), and back (a run reaching them)."""

from __future__ import annotations

from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from warehouse.connection import connect_writer, sql
from warehouse.migrate import apply_views
from warehouse.parts import (
    Part,
    attach_parts,
    frozen_table_counts,
    list_part,
    listed_parts,
    new_part_id,
    parts_overlapping,
    thaw_parts,
    warehouse_of,
    write_part_file,
)
from wiretrace.errors import DataCheckError
from wiretrace.freezing import DEFAULT_HOT_DAYS, frozen_months


@task(name="freeze", cache_policy=NO_CACHE)
def freeze_task(work: str, run_id: str, hot_days: int = DEFAULT_HOT_DAYS) -> dict[str, int]:
    """Freeze every component of the pair graph whose newest article's month ended ``hot_days`` before the
    newest article (future dates ignored): one new part per month; return counts for the maintenance run."""
    if hot_days < 0:
        raise ValueError(f"hot_days must be 0 or more, not {hot_days}")
    db = warehouse_of(work)
    with closing(connect_writer(work, with_parts=True)) as con:
        published = dict(con.execute(sql("freeze_article_dates")).fetchall())
        newest = max((t for t in published.values() if t is not None), default=None)
        if newest is None:
            return {"frozen_articles": 0, "new_parts": 0}
        now = datetime.now(UTC).replace(tzinfo=None)
        cutoff = min(newest, now) - timedelta(days=hot_days)
        months = frozen_months(published, con.execute(sql("freeze_pairs")).fetchall(), cutoff)
        del published
        con.register(
            "freezing_rows",
            pa.table({"article_id": list(months), "month": list(months.values())}),
        )
        con.execute(sql("freeze_register"))
        con.unregister("freezing_rows")
        parts = [
            Part(new_part_id(month, run_id), month, lo, hi, n)
            for month, lo, hi, n in con.execute(sql("freeze_months")).fetchall()
        ]
        if parts:
            _freeze(con, db, parts)
    counts = {"frozen_articles": len(months), "new_parts": len(parts)}
    get_run_logger().info("froze %d articles into %d new parts (cutoff %s)", len(months), len(parts), cutoff)
    return counts


def _freeze(con: duckdb.DuckDBPyConnection, db: Path, parts: list[Part]) -> None:
    """Write the files of ``parts`` (the table ``freezing`` says which articles), then in one transaction
    move their rows out of the hot part, list them and make the views again."""
    before = frozen_table_counts(con)
    parts = [write_part_file(con, db, part) for part in parts]
    con.execute("BEGIN TRANSACTION")
    try:
        for part in parts:
            list_part(con, part)
        attach_parts(con, db, parts)
        apply_views(con)
        after = frozen_table_counts(con)
        if after != before:  # never publish a move that lost or doubled rows
            changed = ", ".join(f"{t} {before[t]} -> {after[t]}" for t in before if before[t] != after[t])
            raise DataCheckError(f"freezing changed the warehouse's rows: {changed}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


@task(name="thaw", cache_policy=NO_CACHE)
def thaw_task(work: str, run_id: str, window: timedelta | None) -> int:
    """Bring back into the hot part every part holding an article the run's new articles may pair with
    (dated within ``window`` of them; None: any date); return how many parts were thawed.

    An undated new article reaches no part: it is compared with the hot part only (the parts hold
    settled months; the one-file layout compared it with every article).
    """
    with transaction(work) as con:
        parts = listed_parts(con)
        if not parts:
            return 0
        lo, hi, n = con.execute(sql("run_date_span"), {"run_id": run_id}).fetchone() or (None, None, 0)
        if window is None:
            reached = parts if n else []
        else:
            reached = parts_overlapping(parts, lo and lo - window, hi and hi + window)
        if reached:  # the `whole` views are made again over the other parts: every part is read
            attach_parts(con, warehouse_of(work), parts)
            thaw_parts(con, reached)
    if reached:
        get_run_logger().warning(
            "run %s reaches back to %s: thawed %d frozen parts (%s) into the hot part; `wiretrace maintain` "
            "freezes them again",
            run_id,
            lo,
            len(reached),
            ", ".join(p.part_id for p in reached),
        )
    return len(reached)
