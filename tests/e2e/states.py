"""Content snapshots of a warehouse file, to compare its state before and after runs."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import closing
from pathlib import Path

import duckdb

from warehouse.connection import connect_reader

# Columns that differ between two runs doing the same work: run ids and wall-clock times.
VOLATILE = frozenset(
    {"run_id", "created_run", "first_seen_at", "quarantined_at", "applied_at", "seen_at", "updated_at", "fetched_at"}
)
# Relations that are a record of the runs themselves.
RUN_RECORDS = frozenset({"wt.runs", "lineage.runs", "wt.schema_migrations"})

_RELATIONS = """
SELECT schema_name, table_name, list(column_name ORDER BY column_index)
FROM duckdb_columns() WHERE database_name = current_database() AND schema_name IN ('wt', 'lineage')
GROUP BY ALL ORDER BY ALL
"""


def snapshot(db: Path, *, stable: bool = False) -> dict[str, tuple[int, int]]:
    """:func:`snapshot_of` a fresh read-only connection to ``db``."""
    with closing(connect_reader(db)) as con:
        return snapshot_of(con, stable=stable)


def snapshot_of(con: duckdb.DuckDBPyConnection, *, stable: bool = False) -> dict[str, tuple[int, int]]:
    """(row count, sum of row hashes) of every table and view of the ``wt`` and ``lineage`` schemas.

    Equal snapshots mean equal contents (up to hash collisions), whatever the row order. With
    ``stable``, run records and VOLATILE columns are left out, so two runs that did the same work
    on the same state compare equal.
    """
    result: dict[str, tuple[int, int]] = {}
    for schema, name, columns in con.execute(_RELATIONS).fetchall():
        relation = f"{schema}.{name}"
        if stable and relation in RUN_RECORDS:
            continue
        kept = [c for c in columns if not (stable and c in VOLATILE)]
        # Identifiers come from the catalog; quoted so any name is safe.
        listed = ", ".join(f'"{c}"' for c in kept)
        row = con.execute(f'SELECT count(*), coalesce(sum(hash({listed})), 0) FROM "{schema}"."{name}"').fetchone()
        assert row is not None
        result[relation] = (int(row[0]), int(row[1]))
    return result


def sorted_rows(db: Path, columns_of: Mapping[str, str]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of each relation (name -> its listed columns), sorted: two warehouses compared row by row."""
    with closing(connect_reader(db)) as con:
        return {
            relation: con.execute(f"SELECT {columns} FROM {relation} ORDER BY ALL").fetchall()
            for relation, columns in columns_of.items()
        }
