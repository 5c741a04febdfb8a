"""Streamlit helpers shared by the pages: the warehouse path, cached queries, links."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pyarrow as pa
import streamlit as st

from dashboard.queries import run_query, warehouse_version
from warehouse.connection import default_db_path


def db_path() -> str:
    """The warehouse the dashboard shows: ``$WIRETRACE_DB`` (set by ``wiretrace dashboard --db``) or the default."""
    return str(default_db_path().resolve())


@st.cache_data(max_entries=256, show_spinner=False)
def _cached(version: tuple[str, int, int], name: str, params: tuple[tuple[str, Any], ...]) -> pa.Table:
    return run_query(version[0], name, **dict(params))


def query(name: str, **params: Any) -> pa.Table:
    """Run a dashboard query, cached until the warehouse file is replaced by the next run."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    table = _cached(warehouse_version(db_path()), name, frozen)
    return table


def link(page: str, **params: str) -> str:
    """A relative link to a dashboard page with query parameters, e.g. ``story?story=st-…``."""
    return f"{page}?{urlencode(params)}" if params else page


def stop_without_warehouse() -> None:
    """Explain and stop the page when there is no warehouse yet."""
    try:
        warehouse_version(db_path())
    except FileNotFoundError as err:
        st.error(str(err))
        st.stop()
