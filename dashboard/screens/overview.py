"""Overview: stories per day, largest stories, wire shares, outlets by syndication share."""

from __future__ import annotations

import streamlit as st

from dashboard import figures
from dashboard.queries import first_row
from dashboard.ui import link, query

st.title("wiretrace — how stories spread")
totals = first_row(query("overview_totals")) or {}
cols = st.columns(5)
cols[0].metric("articles", totals.get("articles", 0))
cols[1].metric("stories", totals.get("stories", 0))
cols[2].metric("stories with copies", totals.get("spread_stories", 0))
cols[3].metric("outlets", totals.get("outlets", 0))
cols[4].metric("cited wires", totals.get("wires", 0))
if totals.get("last_run"):
    st.caption(f"last run finished {totals['last_run']:%Y-%m-%d %H:%M} UTC")

st.subheader("Largest stories")
largest = query("largest_stories", limit=20).to_pylist()
for row in largest:
    row["story"] = link("story", story=row["story_id"])
st.dataframe(
    largest,
    hide_index=True,
    width="stretch",
    column_order=[
        "story",
        "headline",
        "wire_source",
        "root_article_id",
        "root_outlet",
        "n_articles",
        "n_outlets",
        "first_published_at",
        "n_verbatim",
        "n_excerpt",
        "n_rewrite",
    ],
    column_config={
        "story": st.column_config.LinkColumn("story", display_text=r"story\?story=(.*)"),
        "wire_source": "cited wire",
        "root_article_id": "root article",
        "root_outlet": "root outlet",
        "n_articles": "articles",
        "n_outlets": "outlets",
        "first_published_at": st.column_config.DatetimeColumn("first published", format="YYYY-MM-DD HH:mm"),
        "n_verbatim": "verbatim",
        "n_excerpt": "excerpts",
        "n_rewrite": "rewrites",
    },
)

left, right = st.columns(2)
with left:
    st.subheader("Stories per day")
    per_day = query("stories_per_day")
    if per_day.num_rows:
        st.altair_chart(figures.stories_per_day_chart(per_day), width="stretch")
    else:
        st.info("No dated stories yet.")
    st.subheader("Share of articles by cited wire")
    st.altair_chart(figures.wire_share_chart(query("wire_share")), width="stretch")
with right:
    st.subheader("Outlets by syndication share")
    syndication = query("outlet_syndication")
    st.altair_chart(figures.syndication_chart(syndication), width="stretch")
