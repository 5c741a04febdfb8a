"""Data checks: each ``<name>.sql`` in this folder returns the offending rows; zero rows pass.

Checks name tables without a schema and run over one scope: ``hot`` (schema ``wt``: the hot part,
which holds everything a run changes, so a run checks what it changed at a cost bounded by the hot
part) or ``whole`` (the hot part and every frozen part: what ``wiretrace maintain`` checks).
"""

from __future__ import annotations

from typing import Literal

import duckdb

from warehouse.connection import row_count, sql_files
from wiretrace.errors import DataCheckError

Scope = Literal["hot", "whole"]
_SCHEMA: dict[str, str] = {"hot": "wt", "whole": "whole"}


def run_checks(con: duckdb.DuckDBPyConnection, scope: Scope = "hot") -> dict[str, int]:
    """Number of offending rows per check over ``scope`` (all checks run)."""
    failures: dict[str, int] = {}
    con.execute(f"SET search_path = '{_SCHEMA[scope]}'")
    try:
        for name, text in sql_files("checks"):
            failures[name] = row_count(con, text)
    finally:
        con.execute("RESET search_path")
    return failures


def assert_checks(con: duckdb.DuckDBPyConnection, scope: Scope = "hot") -> None:
    """Raise :class:`DataCheckError` naming every failing check over ``scope``."""
    failing = {name: n for name, n in run_checks(con, scope).items() if n}
    if failing:
        detail = ", ".join(f"{name} ({n} rows)" for name, n in sorted(failing.items()))
        raise DataCheckError(f"data checks failed ({scope}): {detail}")
