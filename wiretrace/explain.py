"""Readable explanations of lineage: evidence in words, a story as a tree."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from wiretrace.lineage import LineageEdge

#: An edge as read back from ``lineage.edges``: the very type lineage writes (one concept, one type).


@dataclass(frozen=True)
class ArticleView:
    article_id: str
    outlet: str
    title: str | None
    published_at: datetime | None
    story_id: str


def describe_evidence(edge: LineageEdge, parent_label: str, cites: Sequence[str] = ()) -> str:
    """The evidence of one edge in words, e.g. 'shares 4 quotes and 62% of its sentences with X;
    38% of its word 3-grams are in X (Jaccard 0.24); cites Reuters; published 3 h later'.

    ``cites`` are the sources the child article's text names (its attributions).
    """
    ev = json.loads(edge.evidence)
    if ev.get("method") in ("attribution", "story_wire"):
        if ev.get("attributions"):
            phrases = "; ".join(f'"{p}"' for p in ev["attributions"])
            said = f"cites {edge.parent_source} ({phrases}); that wire's text is not in the warehouse"
        else:
            said = f"its story cites {edge.parent_source}, whose text is not in the warehouse"
        if "nearest_article" in ev:
            said += (
                f"; the closest ingested article, {ev['nearest_article']}, shares only text other "
                f"copies have too ({ev.get('exclusive_share', 0):.0%} of it with no one else)"
            )
        return said
    parts = []
    n_quotes = len(ev.get("shared_quotes", []))
    parts.append(
        f"shares {n_quotes} quote{'s' if n_quotes != 1 else ''} and "
        f"{ev.get('aligned_share_child', 0):.0%} of its sentences with {parent_label}"
    )
    contained, jaccard = ev.get("containment_child_in_parent", 0), ev.get("jaccard", 0)
    parts.append(f"{contained:.0%} of its word 3-grams are in it (Jaccard {jaccard:.2f})")
    if ev.get("attributions"):
        parts.append("names it: " + "; ".join(f'"{p}"' for p in ev["attributions"]))
    if cites:
        parts.append("cites " + ", ".join(cites))
    gap = ev.get("time_gap_hours")
    if gap is not None:
        parts.append(f"published {_hours(gap)} later")
    else:
        parts.append("order inferred from text (a date is missing)")
    return "; ".join(parts)


def _hours(gap: float) -> str:
    """A time gap in words: minutes under an hour, whole hours from 10 h, days from 48 h."""
    if abs(gap) < 1:
        return f"{round(gap * 60)} min"
    if abs(gap) < 10:
        return f"{gap:.1f} h".replace(".0 h", " h")
    if abs(gap) < 48:
        return f"{gap:.0f} h"
    return f"{gap / 24:.1f} days"


def _label(a: ArticleView | None, article_id: str) -> str:
    if a is None:
        return article_id
    when = f", {a.published_at:%Y-%m-%d %H:%M}" if a.published_at else ""
    return f"{article_id} ({a.outlet}{when})"


def explain_article(
    article: ArticleView,
    story_headline: str | None,
    wire_source: str | None,
    parents: Sequence[LineageEdge],
    children: Sequence[LineageEdge],
    articles: Mapping[str, ArticleView],
    shared_quotes_limit: int = 5,
    cites: Sequence[str] = (),
) -> str:
    """The lineage of one article, readable in a terminal; ``cites`` are the sources its text names."""
    lines = [f"{_label(article, article.article_id)}", f"  title: {article.title or '(none)'}"]
    lines.append(
        f"  story: {article.story_id} — {story_headline or ''}" + (f" [wire: {wire_source}]" if wire_source else "")
    )
    if not parents:
        lines.append("  origin: no parent found — this article is the earliest known text of its story")
    for edge in sorted(parents, key=lambda e: (not e.is_primary, -e.confidence)):
        target = edge.parent_source or _label(articles.get(edge.parent_article_id or ""), edge.parent_article_id or "")
        kind = "primary parent" if edge.is_primary else "alternative"
        lines.append(f"  {kind}: {target} — {edge.relation}, confidence {edge.confidence:.2f}")
        label = edge.parent_source or edge.parent_article_id or ""
        lines.append(f"    {describe_evidence(edge, label, cites)}")
        quotes = json.loads(edge.evidence).get("shared_quotes", [])
        for q in quotes[:shared_quotes_limit]:
            lines.append(f"      “{q[:110]}{'…' if len(q) > 110 else ''}”")
    derived = [c for c in children if c.is_primary]
    if derived:
        lines.append("  derived by: " + ", ".join(_label(articles.get(c.article_id), c.article_id) for c in derived))
    return "\n".join(lines)


def story_tree(
    root_article_id: str,
    wire_source: str | None,
    edges: Sequence[LineageEdge],
    articles: Mapping[str, ArticleView],
) -> str:
    """The story as a forest along primary parents: the root first, then any other article
    without an ingested parent (each under the wire it cites, if any)."""
    children: dict[str, list[LineageEdge]] = {}
    wire_of: dict[str, str] = {}
    for e in edges:
        if e.is_primary and e.parent_article_id:
            children.setdefault(e.parent_article_id, []).append(e)
        elif e.is_primary and e.parent_source:
            wire_of[e.article_id] = e.parent_source
    has_parent = {e.article_id for e in edges if e.is_primary and e.parent_article_id}
    tops = [root_article_id, *sorted(a for a in articles if a not in has_parent and a != root_article_id)]
    lines: list[str] = []

    def walk(article_id: str, prefix: str, relation: str | None) -> None:
        rel = f" [{relation}]" if relation else ""
        lines.append(f"{prefix}└─ {_label(articles.get(article_id), article_id)}{rel}")
        for child in sorted(children.get(article_id, []), key=lambda e: e.article_id):
            walk(child.article_id, prefix + "   ", f"{child.relation} {child.confidence:.2f}")

    for top in tops:
        wire = wire_of.get(top) or (wire_source if top == root_article_id else None)
        if wire:
            lines.append(f"{wire} (cited wire, not ingested)")
        walk(top, "  " if wire else "", None)
    return "\n".join(lines)


def members_table(
    articles: Mapping[str, ArticleView], edges: Sequence[LineageEdge]
) -> tuple[list[str], list[tuple[str, ...]]]:
    """A story's articles as (header, rows) in publication order: outlet, date, primary parent, relation."""
    primary = {e.article_id: e for e in edges if e.is_primary}
    rows: list[tuple[str, ...]] = []
    for a in sorted(articles.values(), key=lambda a: (a.published_at is None, a.published_at or 0, a.article_id)):
        edge = primary.get(a.article_id)
        parent = (edge.parent_article_id or f"{edge.parent_source} (cited)") if edge else "-"
        rows.append(
            (
                a.article_id,
                a.outlet,
                f"{a.published_at:%Y-%m-%d %H:%M}" if a.published_at else "-",
                parent,
                edge.relation if edge else "original",
                f"{edge.confidence:.2f}" if edge else "-",
            )
        )
    return ["article", "outlet", "published", "parent", "relation", "confidence"], rows
