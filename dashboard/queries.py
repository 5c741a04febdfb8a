"""The dashboard's reads: each query is a ``dashboard/sql/<name>.sql`` file with bound parameters.

Invariant: a connection lives only for one query. A run replaces the warehouse file by an
atomic rename, so a reader that stayed open would keep showing the old version (and an
idle open handle would pin the old file); every call here opens the file read-only, reads,
and closes it.
"""

from __future__ import annotations

import os
from contextlib import closing
from pathlib import Path
from typing import Any

import pyarrow as pa

from warehouse.connection import connect_reader, sql, sql_files


def query_text(name: str) -> str:
    """The text of ``dashboard/sql/<name>.sql`` (read by :func:`warehouse.connection.sql`)."""
    return sql(name, folder="sql", package="dashboard")


def query_names() -> list[str]:
    """Every dashboard query, by file stem, sorted."""
    return [name for name, _ in sql_files("sql", package="dashboard")]


def warehouse_version(db: str | os.PathLike[str]) -> tuple[str, int, int]:
    """What identifies the warehouse file's current content: (path, inode, mtime in ns).

    A run publishes by renaming a new file over the old one, so both change after every run:
    use this as a cache key to show fresh data after a run and cached data otherwise.
    """
    path = Path(db).resolve()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise FileNotFoundError(f"no warehouse at {path}: run `wiretrace run` first or pass --db") from None
    return str(path), stat.st_ino, stat.st_mtime_ns


def run_query(db: str | os.PathLike[str], name: str, **params: Any) -> pa.Table:
    """Run the dashboard query ``name`` with ``params`` on a short-lived read-only connection."""
    with closing(connect_reader(db)) as con:
        return con.sql(query_text(name), params=params or None).to_arrow_table()


def first_row(table: pa.Table) -> dict[str, Any] | None:
    """The first row of ``table`` as a dict, or None when it is empty."""
    return table.slice(0, 1).to_pylist()[0] if table.num_rows else None
