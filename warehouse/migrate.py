"""Forward-only numbered migrations and views re-applied on every run."""

from __future__ import annotations

import duckdb

from warehouse.connection import sql_files


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not yet applied, each in its own transaction; return their names.

    Invariant: ``wt.schema_migrations`` lists exactly the applied migrations, in order.
    """
    con.execute("CREATE SCHEMA IF NOT EXISTS wt")
    con.execute(
        "CREATE TABLE IF NOT EXISTS wt.schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
    )
    row = con.execute("SELECT list(name) FROM wt.schema_migrations").fetchone()
    done = set(row[0] or []) if row else set()
    applied = []
    for name, text in sql_files("migrations"):
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        con.execute(text)
        con.execute("INSERT INTO wt.schema_migrations VALUES (?, now())", [name])
        con.execute("COMMIT")
        applied.append(name)
    return applied


def apply_views(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)create every view of the public ``lineage`` schema; return how many."""
    views = sql_files("views")
    for _, text in views:
        con.execute(text)
    return len(views)
