"""Charts of the dashboard (Altair, rendered by Streamlit's bundled Vega: works offline).

Pure functions: Arrow tables or rows in, Altair charts out. The lineage chart lays a story
out with time along the x axis and one row per article, the cited sources on top.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import altair as alt
import pyarrow as pa

RELATION_COLOURS = {
    "verbatim": "#d62728",
    "excerpt": "#ff7f0e",
    "rewrite": "#1f77b4",
    "translation": "#9467bd",
}
_RELATION_SCALE = alt.Scale(domain=list(RELATION_COLOURS), range=list(RELATION_COLOURS.values()))


@dataclass(frozen=True)
class Node:
    """A point of the lineage chart: an article, or a cited source that is not ingested (``is_wire``)."""

    node_id: str
    label: str
    time: datetime | None
    x: datetime
    row: int
    is_wire: bool
    dated: bool
    outlet: str
    title: str


@dataclass(frozen=True)
class Link:
    """A primary lineage edge from ``parent`` to ``child`` node ids; ``relation`` is the edge's own
    (``verbatim``, ``excerpt``, ``rewrite``, ``translation``), as the story's table shows it."""

    parent: str
    child: str
    relation: str
    confidence: float


def lineage_layout(members: Sequence[Mapping[str, Any]]) -> tuple[list[Node], list[Link]]:
    """Place a story's articles (rows of ``story_members.sql``) on a time axis.

    Cited sources (wires, or outlets, that are not ingested) sit on the top rows as source nodes,
    placed just before the first article that derives from them (their own time is unknown);
    articles follow in publication order. An undated article is placed just after its parent
    (or the story's start) and flagged ``dated=False``.
    Invariant: every link joins two nodes of the layout.
    """
    dated = [m["published_at"] for m in members if m["published_at"] is not None]
    start = min(dated) if dated else datetime(1970, 1, 1)
    span = (max(dated) - start) if dated else timedelta(0)
    step = max(span / 20, timedelta(minutes=30))
    placed: dict[str, datetime] = {}
    pending = list(members)
    # Parents before children; an undated article waits for its parent's position.
    for _ in range(len(members) + 1):
        left = []
        for m in pending:
            parent = m["parent_article_id"]
            if m["published_at"] is not None:
                placed[m["article_id"]] = m["published_at"]
            elif parent is None or parent not in {p["article_id"] for p in members}:
                placed[m["article_id"]] = start + step
            elif parent in placed:
                placed[m["article_id"]] = placed[parent] + step
            else:
                left.append(m)
        pending = left
        if not pending:
            break
    for m in pending:  # a parent cycle cannot happen (data checks), but never loop forever
        placed[m["article_id"]] = start + step

    wires: dict[str, datetime] = {}
    for m in members:
        if m["parent_source"]:
            at = placed[m["article_id"]] - step
            wires[m["parent_source"]] = min(at, wires.get(m["parent_source"], at))
    order = sorted(members, key=lambda m: (placed[m["article_id"]], m["article_id"]))
    nodes = [
        Node(f"wire:{w}", f"{w} (cited source)", None, at, row, True, False, w, "")
        for row, (w, at) in enumerate(sorted(wires.items()))
    ]
    for row, m in enumerate(order, start=len(wires)):
        nodes.append(
            Node(
                node_id=m["article_id"],
                label=f"{m['outlet']} · {m['article_id']}",
                time=m["published_at"],
                x=placed[m["article_id"]],
                row=row,
                is_wire=False,
                dated=m["published_at"] is not None,
                outlet=m["outlet"],
                title=m["title"] or "",
            )
        )
    links = [
        Link(
            parent=m["parent_article_id"] or f"wire:{m['parent_source']}",
            child=m["article_id"],
            relation=m["relation"],
            confidence=float(m["confidence"]),
        )
        for m in members
        if m["parent_article_id"] or m["parent_source"]
    ]
    return nodes, links


def lineage_chart(members: Sequence[Mapping[str, Any]]) -> alt.LayerChart:
    """The story's lineage: cited source / root → outlets, time along the x axis. Edges are coloured by
    relation and as wide as their confidence; each edge's relation and confidence label its child
    (an article has one primary parent), since labels in the middle of edges collide."""
    nodes, links = lineage_layout(members)
    at = {n.node_id: n for n in nodes}
    incoming = {link.child: f"  ◂ {link.relation} {link.confidence:.2f}" for link in links}
    node_rows = [
        {
            "node": n.node_id,
            "label": n.label + incoming.get(n.node_id, ""),
            "x": n.x.isoformat(),
            "row": n.row,
            "kind": "cited source" if n.is_wire else ("article" if n.dated else "article (date unknown)"),
            "when": n.time.strftime("%Y-%m-%d %H:%M") if n.time else "unknown",
            "title": n.title,
        }
        for n in nodes
    ]
    link_rows = [
        {
            "x": at[link.parent].x.isoformat(),
            "x2": at[link.child].x.isoformat(),
            "row": at[link.parent].row,
            "row2": at[link.child].row,
            "relation": link.relation,
            "confidence": round(link.confidence, 2),
        }
        for link in links
    ]
    rows = alt.Y("row:Q", axis=None, scale=alt.Scale(reverse=True, padding=16))
    height = lineage_height(len(nodes))
    # Room on the right for the labels of the latest nodes (they are written right of their point).
    first, last = min(n.x for n in nodes), max(n.x for n in nodes)
    span = max(last - first, timedelta(hours=1))
    domain = [(first - span * 0.03).isoformat(), (last + span * 0.45).isoformat()]
    edges = (
        alt.Chart(alt.Data(values=link_rows))
        .mark_rule(strokeWidth=2.5, opacity=0.8)
        .encode(
            x=alt.X("x:T", title="published (UTC)", scale=alt.Scale(domain=domain)),
            x2="x2:T",
            y=rows,
            y2="row2:Q",
            color=alt.Color("relation:N", scale=_RELATION_SCALE, title="relation"),
            strokeWidth=alt.StrokeWidth("confidence:Q", scale=alt.Scale(domain=[0, 1], range=[1, 5]), legend=None),
            tooltip=["relation:N", "confidence:Q"],
        )
    )
    points = (
        alt.Chart(alt.Data(values=node_rows))
        .mark_point(size=160, filled=True)
        .encode(
            x="x:T",
            y=rows,
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(
                    domain=["cited source", "article", "article (date unknown)"],
                    range=["diamond", "circle", "triangle"],
                ),
                title="node",
            ),
            color=alt.value("#333"),
            tooltip=["label:N", "kind:N", "when:N", "title:N"],
        )
    )
    labels = (
        alt.Chart(alt.Data(values=node_rows))
        .mark_text(align="left", dx=10, fontSize=11)
        .encode(x="x:T", y=rows, text="label:N")
    )
    return (
        alt.layer(edges, points, labels)
        .properties(height=height)
        .resolve_scale(y="shared")
        .configure_legend(orient="bottom", direction="horizontal")
    )


def lineage_height(n_nodes: int) -> int:
    """Pixel height of the lineage chart for ``n_nodes`` nodes (articles plus cited sources)."""
    return max(200, 36 * n_nodes)


def stories_per_day_chart(table: pa.Table) -> alt.Chart:
    """Stories per day (``stories_per_day.sql``), stacked by cited wire."""
    return (
        alt.Chart(alt.Data(values=_records(table)))
        .mark_bar()
        .encode(
            x=alt.X("day:O", title="first published (day, UTC)", timeUnit="utcyearmonthdate"),
            y=alt.Y("sum(stories):Q", title="stories"),
            color=alt.Color("wire:N", title="cited wire"),
            tooltip=["day:T", "wire:N", "stories:Q", "articles:Q"],
        )
        .properties(height=260)
    )


def wire_share_chart(table: pa.Table) -> alt.Chart:
    """Share of articles per cited wire (``wire_share.sql``)."""
    return (
        alt.Chart(alt.Data(values=_records(table)))
        .mark_bar()
        .encode(
            x=alt.X("share:Q", title="share of articles", axis=alt.Axis(format="%")),
            y=alt.Y("wire:N", sort="-x", title=None, axis=alt.Axis(labelOverlap=False)),
            tooltip=["wire:N", "articles:Q", alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(height=alt.Step(30))
    )


def syndication_chart(table: pa.Table) -> alt.Chart:
    """Outlets by syndication share (``outlet_syndication.sql``): derived vs original articles."""
    rows = []
    for r in _records(table):
        for part, column in (
            ("from an article", "from_articles"),
            ("from a cited wire", "from_cited_wires"),
            ("original", "original"),
        ):
            rows.append({"outlet": r["outlet"], "origin": part, "articles": r[column], "share": r["syndication_share"]})
    order = [r["outlet"] for r in _records(table)]
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("articles:Q", stack="normalize", title="share of the outlet's articles", axis=alt.Axis(format="%")),
            y=alt.Y("outlet:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False)),
            color=alt.Color(
                "origin:N",
                scale=alt.Scale(
                    domain=["from an article", "from a cited wire", "original"], range=["#1f77b4", "#9ecae1", "#cccccc"]
                ),
            ),
            tooltip=["outlet:N", "origin:N", "articles:Q"],
        )
        .properties(height=alt.Step(22))
    )


def similarity_chart(table: pa.Table) -> alt.Chart:
    """Distribution of an outlet's containment in its parents (``outlet_similarity.sql``), by relation."""
    return (
        alt.Chart(alt.Data(values=_records(table)))
        .mark_bar()
        .encode(
            x=alt.X("containment:Q", bin=alt.Bin(extent=[0, 1], step=0.05), title="share of its 3-grams in the parent"),
            y=alt.Y("count():Q", title="articles"),
            color=alt.Color("relation:N", scale=_RELATION_SCALE),
            tooltip=["relation:N", "count():Q"],
        )
        .properties(height=220)
    )


def latency_chart(table: pa.Table) -> alt.Chart:
    """Distribution of an outlet's pickup latency in hours (``outlet_latency.sql``)."""
    return (
        alt.Chart(alt.Data(values=_records(table)))
        .mark_bar()
        .encode(
            x=alt.X("latency_hours:Q", bin=alt.Bin(maxbins=24), title="hours after the story's first publication"),
            y=alt.Y("count():Q", title="articles"),
            tooltip=["count():Q"],
        )
        .properties(height=220)
    )


def sources_chart(table: pa.Table) -> alt.Chart:
    """What an outlet derives from (``outlet_sources.sql``), stacked by relation."""
    return (
        alt.Chart(alt.Data(values=_records(table)))
        .mark_bar()
        .encode(
            x=alt.X("sum(n_articles):Q", title="articles"),
            y=alt.Y("source:N", sort="-x", title=None, axis=alt.Axis(labelOverlap=False)),
            color=alt.Color("relation:N", scale=_RELATION_SCALE),
            tooltip=["source:N", "relation:N", "n_articles:Q", alt.Tooltip("mean_confidence:Q", format=".2f")],
        )
        .properties(height=alt.Step(26))
    )


def _records(table: pa.Table) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (timestamps and dates as ISO strings) for inline chart data."""
    rows = table.to_pylist()
    for row in rows:
        for key, value in row.items():
            if hasattr(value, "isoformat"):
                row[key] = value.isoformat()
    return rows
