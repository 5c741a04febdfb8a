"""Search: articles by date range, outlet, cited wire, relation and text."""

from __future__ import annotations

import streamlit as st

from dashboard.queries import first_row
from dashboard.ui import link, query

RELATIONS = ["original", "verbatim", "excerpt", "rewrite", "translation"]

st.title("Search")
bounds = first_row(query("search_bounds")) or {}
outlets = query("outlet_list").column("outlet").to_pylist()
c1, c2, c3 = st.columns([2, 2, 1])
text = c1.text_input("headline, article id or story id", key="text").strip() or None
chosen_outlets = c2.multiselect("outlets", outlets, key="outlets")
wire = c3.selectbox("cited wire", ["any", *bounds.get("wires", [])], key="wire")
c4, c5 = st.columns([3, 2])
relations = c4.multiselect("relation to its primary parent", RELATIONS, key="relations")
date_from = date_to = None
first, last = bounds.get("first_published_at"), bounds.get("last_published_at")
if first and last and c5.checkbox("filter by publication date", key="by_date"):
    picked = c5.date_input("published between", (first.date(), last.date()), key="dates")
    if isinstance(picked, tuple) and len(picked) == 2:
        date_from, date_to = picked

found = query(
    "search_articles",
    date_from=date_from,
    date_to=date_to,
    outlets=chosen_outlets,
    wire=None if wire == "any" else wire,
    relations=relations,
    text=text,
    limit=500,
).to_pylist()
st.caption(f"{len(found)} article{'s' if len(found) != 1 else ''}" + (" (first 500)" if len(found) == 500 else ""))
for row in found:
    row["story"] = link("story", story=row["story_id"])
st.dataframe(
    found,
    hide_index=True,
    width="stretch",
    column_order=["published_at", "outlet", "article_id", "title", "story", "wire_source", "relation", "confidence"],
    column_config={
        "published_at": st.column_config.DatetimeColumn("published", format="YYYY-MM-DD HH:mm"),
        "story": st.column_config.LinkColumn("story", display_text=r"story\?story=(.*)"),
        "wire_source": "cited wire",
        "confidence": st.column_config.NumberColumn("confidence", format="%.2f"),
    },
)
