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


#: What a table cell or a label shows for a missing value (never "None").
MISSING = "—"


def shown(value: Any, fmt: str = "{}") -> str:
    """``value`` formatted for a table or a label, :data:`MISSING` when it is None."""
    return MISSING if value is None else fmt.format(value)


def chosen(param: str, options: list[str], rows: list[dict[str, Any]], column: str) -> int:
    """Index in ``options`` of the value the page's ``?param=`` link asks for (0 when none is asked).

    The page's url path and its parameter share the name ``param`` ("story", "outlet"). A link
    naming a value the warehouse does not hold never shows another one silently: the page says
    so, lists ``rows`` (``column`` holds each one's value, linked to its page) and stops.
    """
    wanted = st.query_params.get(param)
    if wanted is None:
        return 0
    if wanted in options:
        return options.index(wanted)
    st.error(f"No {param} {wanted!r} in this warehouse. Pick one below.")
    listed = [{"open": link(param, **{param: row[column]}), **row} for row in rows]
    st.dataframe(
        listed,
        hide_index=True,
        width="stretch",
        column_config={"open": st.column_config.LinkColumn("open", display_text="open")},
    )
    st.stop()


def stop_without_warehouse() -> None:
    """Explain and stop the page when there is no warehouse yet."""
    try:
        warehouse_version(db_path())
    except FileNotFoundError as err:
        st.error(str(err))
        st.stop()
