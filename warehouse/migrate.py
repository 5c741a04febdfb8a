"""Forward-only numbered migrations, and views made again whenever what they are made of changed.

A warehouse is never written by code older than its newest migration: :func:`migrate` and
:func:`refuse_newer_warehouse` stop every write on a warehouse that lists a migration this code
does not have (readers still work).
"""

from __future__ import annotations

import hashlib
import inspect
import json
from contextlib import closing
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import duckdb

from warehouse.connection import sql, sql_files
from warehouse.parts import apply_whole_views, attach_parts, listed_parts
from wiretrace.errors import WarehouseTooNewError


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not yet applied, each in its own transaction; return their names.

    Invariant: ``wt.schema_migrations`` lists exactly the applied migrations, in order. A
    warehouse listing a migration this code lacks raises :class:`WarehouseTooNewError` before
    anything is applied.
    """
    con.execute("CREATE SCHEMA IF NOT EXISTS wt")
    con.execute(
        "CREATE TABLE IF NOT EXISTS wt.schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
    )
    row = con.execute("SELECT list(name) FROM wt.schema_migrations").fetchone()
    done = set(row[0] or []) if row else set()
    files = sql_files("migrations")
    unknown = sorted(done - {name for name, _ in files})
    if unknown:
        raise WarehouseTooNewError(_too_new_message(con_path(con), unknown))
    applied = []
    for name, text in files:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        con.execute(text)
        con.execute("INSERT INTO wt.schema_migrations VALUES (?, now())", [name])
        con.execute("COMMIT")
        applied.append(name)
    return applied


def unknown_migrations(db: Path) -> list[str]:
    """The migrations the warehouse ``db`` lists that this code does not have (read-only; none if no file)."""
    if not db.exists():
        return []
    with closing(duckdb.connect(str(db), read_only=True)) as con:
        if not con.execute(sql("schema_migrations_exists")).fetchone():
            return []
        applied = [name for (name,) in con.execute(sql("applied_migrations")).fetchall()]
    known = {name for name, _ in sql_files("migrations")}
    return [name for name in applied if name not in known]


def refuse_newer_warehouse(db: Path, what: str | None = None) -> None:
    """Raise :class:`WarehouseTooNewError` if the warehouse file ``db`` was migrated by newer code.

    ``what`` names the file in the message (default: ``db``); call it before changing anything.
    """
    unknown = unknown_migrations(db)
    if unknown:
        raise WarehouseTooNewError(_too_new_message(what or str(db), unknown))


def wiretrace_version() -> str:
    """This code's wiretrace version (``unknown`` when not installed)."""
    try:
        return version("wiretrace")
    except PackageNotFoundError:
        return "unknown"


def con_path(con: duckdb.DuckDBPyConnection) -> str:
    """The file a connection's database lives in (for messages)."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return str(row[0]) if row and row[0] else "(in memory)"


def _too_new_message(where: str, unknown: list[str]) -> str:
    plural = "migrations" if len(unknown) > 1 else "migration"
    return (
        f"warehouse {where} was migrated by newer wiretrace ({plural} {', '.join(unknown)} unknown to this version "
        f"{wiretrace_version()}): upgrade wiretrace or restore an older version"
    )


def apply_views(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)create the ``whole`` views over the hot part and the listed parts (attached), then every
    view of the public ``lineage`` schema, and record what they were made from; return how many public views."""
    apply_whole_views(con, listed_parts(con))
    views = sql_files("views")
    for _, text in views:
        con.execute(text)
    con.execute(sql("record_views_applied"), {"fingerprint": views_fingerprint(con)})
    return len(views)


def refresh_views(con: duckdb.DuckDBPyConnection, db: Path) -> bool:
    """Recreate the views (attaching the parts of ``db`` first) unless they were last made from what
    they would be made from now (:func:`views_fingerprint`); return whether they were.

    Creating a view binds it against every part it reads, so an unchanged warehouse of many
    parts skips that and never attaches them."""
    row = con.execute(sql("views_applied")).fetchone()
    if row and row[0] == views_fingerprint(con):
        return False
    attach_parts(con, db)
    apply_views(con)
    return True


def views_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """A digest of everything the views are made from: the view files, the code making the
    ``whole`` views, the hot part's tables and columns, and the listed parts."""
    made_from = {
        "views": sql_files("views"),
        "whole": inspect.getsource(apply_whole_views),
        "tables": [list(row) for row in con.execute(sql("hot_columns")).fetchall()],
        "parts": [part.part_id for part in listed_parts(con)],
    }
    return hashlib.sha256(json.dumps(made_from).encode()).hexdigest()
