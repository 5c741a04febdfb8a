"""Connections to the warehouse file and the SQL files the project runs."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

DEFAULT_DB = "wiretrace.duckdb"
#: DuckDB's memory cap for a run's writes (any DuckDB size: "8GB", "50%"). A run also holds
#: Python data and worker processes, so DuckDB gets half the memory instead of its own 80 %;
#: beyond the cap it spills to disk beside the working copy.
MEMORY_LIMIT_ENV = "WIRETRACE_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "50%"


def default_db_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse path: ``db`` if given, else ``$WIRETRACE_DB``, else ``./wiretrace.duckdb``."""
    return Path(db or os.environ.get("WIRETRACE_DB") or DEFAULT_DB)


@cache
def sql(name: str, folder: str = "queries", package: str = "warehouse") -> str:
    """The text of ``<package>/<folder>/<name>.sql`` (default: ``warehouse/queries``); the one
    loader of the project's SQL files (the dashboard's are ``folder="sql", package="dashboard"``)."""
    return resources.files(package).joinpath(folder, f"{name}.sql").read_text(encoding="utf-8")


def sql_files(folder: str, package: str = "warehouse") -> list[tuple[str, str]]:
    """(file stem, text) of every ``.sql`` file in ``<package>/<folder>``, sorted by name."""
    root = resources.files(package).joinpath(folder)
    files = sorted((f for f in root.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def row_count(con: duckdb.DuckDBPyConnection, query: str, params: dict[str, Any] | None = None) -> int:
    """How many rows the single ``SELECT`` ``query`` (text of a SQL file) returns with ``params``."""
    [(count,)] = con.execute(f"SELECT count(*) FROM ({query.strip().rstrip(';')})", params).fetchall()
    return int(count)


def connect_writer(path: str | os.PathLike[str], *, with_parts: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-write connection. Only a run's working copy is ever opened this way.

    ``with_parts`` attaches the warehouse's frozen parts read-only: needed to read ``whole`` or the
    ``lineage`` views, or to (re)create them; the pipeline's own queries read the hot part only.

    Every writer gets the same configuration (DuckDB refuses a second, different one for an open file).
    """
    limit = os.environ.get(MEMORY_LIMIT_ENV) or DEFAULT_MEMORY_LIMIT
    try:
        con = duckdb.connect(str(path), config={"memory_limit": limit})
    except (duckdb.ParserException, duckdb.InvalidInputException) as exc:
        raise ValueError(f"{MEMORY_LIMIT_ENV}={limit!r} is not a memory size DuckDB accepts ({exc})") from exc
    if with_parts:
        _attach_parts_or_close(con, path)
    return con


def connect_reader(path: str | os.PathLike[str], *, hot_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-only connection that cannot touch anything outside the warehouse either.

    The warehouse's frozen parts are attached first (read-only), so every ``lineage`` view reads
    the whole warehouse. External access (reading or writing other files, ATTACH, COPY TO) is disabled and the
    configuration locked, so ad-hoc SQL cannot modify anything.

    ``hot_only``: for wiretrace's own queries of the hot part's ``wt`` tables (a run's report): no
    part is attached and nothing is locked (a later reader in this process still attaches them).
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"no warehouse at {p}: run `wiretrace run` first or pass --db")
    con = duckdb.connect(str(p), read_only=True)
    if hot_only:
        return con
    locked = con.execute("SELECT current_setting('lock_configuration')").fetchone()
    if locked and locked[0]:
        return con  # DuckDB shares one instance per file and process: another reader here set it up
    _attach_parts_or_close(con, p)
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def _attach_parts_or_close(con: duckdb.DuckDBPyConnection, path: str | os.PathLike[str]) -> None:
    """Attach the frozen parts of the warehouse ``path`` belongs to; on failure close ``con`` and re-raise."""
    from warehouse.parts import attach_parts, warehouse_of  # parts reads its SQL through this module

    try:
        attach_parts(con, warehouse_of(path))
    except BaseException:
        con.close()
        raise
