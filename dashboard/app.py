"""wiretrace dashboard: stories, lineage and outlets from the warehouse (``wiretrace dashboard``)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.ui import db_path, stop_without_warehouse

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="wiretrace", page_icon="🛰️", layout="wide")
pages = [
    st.Page(str(HERE / "screens" / "overview.py"), title="Overview", url_path="overview", default=True),
    st.Page(str(HERE / "screens" / "story.py"), title="Story", url_path="story"),
    st.Page(str(HERE / "screens" / "outlet.py"), title="Outlet", url_path="outlet"),
    st.Page(str(HERE / "screens" / "search.py"), title="Search", url_path="search"),
    st.Page(str(HERE / "screens" / "health.py"), title="Health", url_path="health"),
]
page = st.navigation(pages)
st.sidebar.caption(f"warehouse: `{db_path()}` (read-only)")
stop_without_warehouse()
page.run()
