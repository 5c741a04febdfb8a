"""The one way tasks open the working copy of the warehouse."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from warehouse.connection import connect_writer


@contextmanager
def transaction(work: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the working copy with one transaction: committed on success, else rolled back."""
    con = connect_writer(work)
    try:
        con.execute("BEGIN TRANSACTION")
        yield con
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()
