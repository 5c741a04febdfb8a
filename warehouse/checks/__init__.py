"""Data checks: each ``<name>.sql`` in this folder returns the offending rows; zero rows pass."""

from __future__ import annotations

import duckdb

from warehouse.connection import row_count, sql_files
from wiretrace.errors import DataCheckError


def run_checks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Number of offending rows per check (all checks run)."""
    failures: dict[str, int] = {}
    for name, text in sql_files("checks"):
        failures[name] = row_count(con, text)
    return failures


def assert_checks(con: duckdb.DuckDBPyConnection) -> None:
    """Raise :class:`DataCheckError` naming every failing check."""
    failing = {name: n for name, n in run_checks(con).items() if n}
    if failing:
        detail = ", ".join(f"{name} ({n} rows)" for name, n in sorted(failing.items()))
        raise DataCheckError(f"data checks failed: {detail}")
