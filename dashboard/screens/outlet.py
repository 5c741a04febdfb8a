"""Outlet: what it derives from, how much it rewrites, how fast it picks stories up."""

from __future__ import annotations

import statistics

import streamlit as st

from dashboard import figures
from dashboard.ui import chosen, link, query, shown

outlets = query("outlet_list").to_pylist()
names = [o["outlet"] for o in outlets]
if not outlets:
    st.info("The warehouse holds no article yet.")
    st.stop()
outlet = st.selectbox("outlet", names, index=chosen("outlet", names, outlets, "outlet"), key="outlet")
st.query_params["outlet"] = outlet
st.title(outlet)

sources = query("outlet_sources", outlet=outlet)
similarity = query("outlet_similarity", outlet=outlet)
latency = query("outlet_latency", outlet=outlet)
n_articles = next(o["articles"] for o in outlets if o["outlet"] == outlet)
derived = sum(sources.column("n_articles").to_pylist())
hours = [h for h in latency.column("latency_hours").to_pylist() if h is not None]
cols = st.columns(4)
cols[0].metric("articles", n_articles)
cols[1].metric("derived from a source", derived)
cols[2].metric("sources", len(set(sources.column("source").to_pylist())))
cols[3].metric("median pickup", f"{statistics.median(hours):.1f} h" if hours else "—")

left, right = st.columns(2)
with left:
    st.subheader("Sources it derives from")
    if sources.num_rows:
        st.altair_chart(figures.sources_chart(sources), width="stretch")
    else:
        st.info("No article of this outlet derives from another source.")
    st.subheader("Pickup latency after the story's first publication")
    if latency.num_rows:
        st.altair_chart(figures.latency_chart(latency), width="stretch")
    else:
        st.info("No dated pickup of an earlier story.")
with right:
    st.subheader("How much it rewrites")
    if similarity.num_rows:
        st.caption("share of each article's word 3-grams found in its parent article: 1 = copied, low = rewritten")
        st.altair_chart(figures.similarity_chart(similarity), width="stretch")
    else:
        st.info("No article of this outlet has a parent article in the warehouse.")
    rows = latency.to_pylist()
    for row in rows:
        row["story"] = link("story", story=row["story_id"])
        row["headline"], row["wire_source"] = shown(row["headline"]), shown(row["wire_source"])
    if rows:
        st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            column_order=["story", "headline", "wire_source", "published_at", "latency_hours"],
            column_config={
                "story": st.column_config.LinkColumn("story", display_text=r"story\?story=(.*)"),
                "wire_source": "cited wire",
                "published_at": st.column_config.DatetimeColumn("published", format="YYYY-MM-DD HH:mm"),
                "latency_hours": st.column_config.NumberColumn("hours after first", format="%.1f"),
            },
        )
