"""Warehouse upkeep: a compacting copy (DuckDB files never shrink in place) and row counts.

DuckDB reuses freed blocks but does not return them to the file system, and ``VACUUM`` does not
rewrite tables, so a warehouse whose runs delete and re-insert rows (story members, edges) keeps
growing. ``COPY FROM DATABASE`` into a fresh file rewrites every schema, table, view and macro
densely.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.connection import sql
from warehouse.parts import attach_parts, warehouse_of


def compact_copy(src: Path, dst: Path) -> None:
    """Write a compacted copy of the warehouse ``src`` to the new file ``dst`` (same content).

    ``src`` is attached read-only, and so are its frozen parts; ``dst`` must not exist. The parts are
    not copied: ``dst`` lists the same ones.
    """
    if dst.exists():
        raise FileExistsError(f"compaction target {dst} already exists")
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS src (READ_ONLY)", [str(src)])
        con.execute("USE src")
        attach_parts(con, warehouse_of(src))  # the `whole` views read them
        con.execute("USE memory")
        con.execute("ATTACH ? AS dst", [str(dst)])
        con.execute("COPY FROM DATABASE src TO dst")
        con.execute("DETACH dst")
        con.execute("DETACH src")
    finally:
        con.close()


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per base table, keyed ``schema.table`` (exact counts, not estimates)."""
    tables = con.execute(sql("base_tables")).fetchall()
    counts: dict[str, int] = {}
    for schema, table in tables:
        # Identifiers come from the catalog, not from input; quoted so any name is safe.
        row = con.execute(f'SELECT count(*) FROM "{schema}"."{table}"').fetchone()
        counts[f"{schema}.{table}"] = int(row[0]) if row else 0
    return counts
