"""The dashboard's pure parts: side-by-side evidence, highlighting, lineage layout, the run report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any

from dashboard.compare import Span, highlight, side_by_side
from dashboard.figures import lineage_chart, lineage_layout
from tests.conftest import SEED_000, SEED_001, seed_text
from wiretrace.normalise import extract_quotes, normalise_text
from wiretrace.report import run_summary_markdown, stories_table


def _article(stem: str) -> tuple[str, str, list[str]]:
    text = normalise_text(seed_text(stem))
    return stem, text, extract_quotes(text)


def test_side_by_side_marks_the_seeds_shared_quotes_and_aligned_sentences() -> None:
    view = side_by_side(_article(SEED_001), _article(SEED_000))
    assert len(view.shared_quotes) == 4
    assert view.html_a.count('class="quote"') == 4 and view.html_b.count('class="quote"') == 4
    assert view.evidence.relation == "rewrite"
    # Each aligned pair is numbered in both texts, and the numbered text is the aligned sentence.
    assert view.pairs
    for n, (left, right) in enumerate(view.pairs, start=1):
        assert f"<sup><b>{n}</b></sup>{escape(left[:40])}" in view.html_a
        assert f"<sup><b>{n}</b></sup>{escape(right[:40])}" in view.html_b


def test_side_by_side_is_the_same_evidence_either_way_round() -> None:
    ab = side_by_side(_article(SEED_001), _article(SEED_000))
    ba = side_by_side(_article(SEED_000), _article(SEED_001))
    assert ab.evidence == ba.evidence
    assert ab.html_a == ba.html_b and ab.html_b == ba.html_a
    assert [(b, a) for a, b in ab.pairs] == list(ba.pairs)


def test_highlight_escapes_text_and_drops_overlaps() -> None:
    text = 'He said "<b>no</b>" & left.'
    html = highlight(text, [Span(8, 20, "quote", "❝"), Span(10, 14, "aligned", "1")])
    assert "<b>no</b>" not in html and "&lt;b&gt;no&lt;/b&gt;" in html and "&amp; left." in html
    assert html.count("<mark") == 1


def _member(article_id: str, at: datetime | None, parent: str | None = None, wire: str | None = None) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "outlet": f"outlet-{article_id}",
        "title": None,
        "published_at": at,
        "parent_article_id": parent,
        "parent_source": wire,
        "relation": "rewrite",
        "confidence": 0.7,
    }


def test_lineage_layout_puts_time_on_x_and_the_wire_first() -> None:
    t0 = datetime(2024, 12, 26, tzinfo=UTC)
    members = [
        _member("b", t0 + timedelta(hours=3), parent="a"),
        _member("a", t0, wire="Reuters"),
        _member("c", None, parent="b"),  # undated: placed after its parent
    ]
    nodes, links = lineage_layout(members)
    by_id = {n.node_id: n for n in nodes}
    assert [n.node_id for n in sorted(nodes, key=lambda n: n.row)] == ["wire:Reuters", "a", "b", "c"]
    assert by_id["wire:Reuters"].x < by_id["a"].x < by_id["b"].x < by_id["c"].x
    assert not by_id["c"].dated and by_id["b"].dated
    assert {(link.parent, link.child, link.relation) for link in links} == {
        ("wire:Reuters", "a", "rewrite"),  # the edge's own relation, as in the story's table
        ("a", "b", "rewrite"),
        ("b", "c", "rewrite"),
    }
    spec = lineage_chart(members).to_dict()
    labels = [v["label"] for layer in spec["layer"] for v in layer["data"].get("values", []) if "label" in v]
    assert "outlet-b · b  ◂ rewrite 0.70" in labels


def test_run_report_markdown_and_table() -> None:
    summary = {"run_id": "r-1", "new_stories": 2, "grown_stories": 1}
    counts = {"articles_read": 5, "new_articles": 4, "quarantined": 1, "total_articles": 9}
    md = run_summary_markdown(summary, counts)
    assert "| articles in | 5 |" in md and "| quarantined | 1 |" in md
    assert "| new stories | 2 |" in md and "| grown stories | 1 |" in md
    row = {
        "story_id": "st-1",
        "status": "new",
        "n_articles": 3,
        "added": 3,
        "n_outlets": 2,
        "wire_source": None,
        "root_article_id": "a",
        "headline": "x" * 100,
        "extra": "dropped",
    }
    (item,) = stories_table([row])
    assert "extra" not in item and item["wire_source"] == "" and len(item["headline"]) == 80
