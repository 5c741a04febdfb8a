"""Story: the lineage drawn on a time axis, the members, and two articles side by side."""

from __future__ import annotations

import streamlit as st

from dashboard import figures
from dashboard.compare import side_by_side
from dashboard.queries import first_row
from dashboard.ui import MISSING, chosen, link, query, shown

stories = query("story_list").to_pylist()
if not stories:
    st.info("The warehouse holds no story yet.")
    st.stop()
ids = [s["story_id"] for s in stories]
names = {
    s["story_id"]: f"{s['story_id']} · {s['n_articles']} articles · {s['wire_source'] or 'no cited wire'} · "
    f"{(s['headline'] or '')[:70]}"
    for s in stories
}
listed = [{**s, "headline": shown(s["headline"]), "wire_source": shown(s["wire_source"])} for s in stories]
index = chosen("story", ids, listed, "story_id")
story_id = st.selectbox("story", ids, index=index, format_func=names.__getitem__, key="story")
st.query_params["story"] = story_id
summary = first_row(query("story_summary", story_id=story_id))
assert summary is not None  # the id came from story_list

st.title(summary["headline"] or story_id)
root = summary["root_article_id"]
origin = f"cited wire **{summary['wire_source']}** → root article " if summary["wire_source"] else "root article "
st.markdown(f"{origin}**{root}** ({shown(summary['root_outlet'])})")
cols = st.columns(5)
cols[0].metric("articles", summary["n_articles"])
cols[1].metric("outlets", summary["n_outlets"])
cols[2].metric("verbatim", summary["n_verbatim"])
cols[3].metric("excerpts", summary["n_excerpt"])
cols[4].metric("rewrites", summary["n_rewrite"])
if summary["first_published_at"] is not None:
    spread = f", spread over {summary['spread_hours']:.1f} h" if summary["spread_hours"] else ""
    st.caption(f"first published {summary['first_published_at']:%Y-%m-%d %H:%M} UTC{spread}")

members = query("story_members", story_id=story_id).to_pylist()
st.subheader("Lineage")
n_wires = len({m["parent_source"] for m in members if m["parent_source"]})
st.altair_chart(
    figures.lineage_chart(members), width="stretch", height=figures.lineage_height(len(members) + n_wires) + 90
)

st.subheader("Articles")
# Missing values show as "—" (a None cell would read "None"); dates sort as ISO text.
rows = [
    {
        "article": m["article_id"],
        "outlet": m["outlet"],
        "outlet page": link("outlet", outlet=m["outlet"]),
        "published": shown(m["published_at"], "{:%Y-%m-%d %H:%M}"),
        "title": shown(m["title"]),
        "parent": m["parent_article_id"] or (f"{m['parent_source']} (cited source)" if m["parent_source"] else MISSING),
        "relation": m["relation"] or "original",
        "confidence": shown(m["confidence"], "{:.2f}"),
        "depth": shown(m["depth"]),
    }
    for m in members
]
st.dataframe(
    rows,
    hide_index=True,
    width="stretch",
    column_config={"outlet page": st.column_config.LinkColumn("outlet page", display_text="open")},
)

st.subheader("Side by side")
article_ids = [m["article_id"] for m in members]
if len(article_ids) < 2:
    st.info("A single article: nothing to compare.")
    st.stop()
# Default: the first article with a parent article, next to that parent.
child = next((m for m in members if m["parent_article_id"]), None)
default_left = article_ids.index(child["parent_article_id"]) if child else 0
default_right = article_ids.index(child["article_id"]) if child else 1
note = st.empty()
left_col, right_col = st.columns(2)
left_id = left_col.selectbox("left article", article_ids, index=default_left, key=f"left-{story_id}")
right_id = right_col.selectbox("right article", article_ids, index=default_right, key=f"right-{story_id}")
if left_id == right_id:
    st.info("Pick two different articles.")
    st.stop()
left = first_row(query("article_text", article_id=left_id))
right = first_row(query("article_text", article_id=right_id))
assert left is not None and right is not None
view = side_by_side(
    (left_id, left["clean_text"], left["quotes"]),
    (right_id, right["clean_text"], right["quotes"]),
)
ev = view.evidence
note.markdown(
    f"**{len(view.shared_quotes)} shared quotes** (yellow) · "
    f"**{len(view.pairs)} aligned sentences** (blue, numbered) · "
    f"Jaccard {ev.jaccard:.2f} · narrative containment {ev.narrative_containment_ab:.0%} / "
    f"{ev.narrative_containment_ba:.0%} · verified as {ev.relation or 'not the same story'}"
)
for col, article, body in ((left_col, left, view.html_a), (right_col, right, view.html_b)):
    with col:
        when = f"{article['published_at']:%Y-%m-%d %H:%M}" if article["published_at"] else "date unknown"
        st.markdown(f"**{shown(article['outlet'])}** · `{article['article_id']}` · {when}")
        if article["title"]:
            st.markdown(f"*{article['title']}*")
        st.html(body)
