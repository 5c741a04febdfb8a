"""The DuckDB warehouse: connections, migrations, views, queries and data checks.

Only the flow's own process writes, one run at a time, into a private working copy that
replaces the warehouse file atomically when the run succeeds (see :mod:`warehouse.session`).
"""
