"""The one way tasks open the working copy of the warehouse."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager

import duckdb

from warehouse.connection import connect_writer
from warehouse.migrate import migrate, refresh_views
from warehouse.parts import warehouse_of


@contextmanager
def transaction(work: str, *, with_parts: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the working copy with one transaction: committed on success, else rolled back.
    ``with_parts``: the frozen parts are attached (see :func:`~warehouse.connection.connect_writer`)."""
    con = connect_writer(work, with_parts=with_parts)
    try:
        con.execute("BEGIN TRANSACTION")
        yield con
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()


def migrate_working_copy(work: str) -> list[str]:
    """Apply the migrations the working copy lacks (each in its own transaction), then recreate
    the views if what they are made of changed; return the migrations applied. What every flow
    does first with its working copy."""
    with closing(connect_writer(work)) as con:
        applied = migrate(con)
        refresh_views(con, warehouse_of(work))
    return applied
