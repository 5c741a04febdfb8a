"""Evidence in words, the story's article table, and progress bars that only draw on a terminal."""

from __future__ import annotations

import io
import json
import os
import pty
import select
from datetime import UTC, datetime

from tasks._progress import progress_bar
from wiretrace.explain import ArticleView, describe_evidence, members_table
from wiretrace.lineage import LineageEdge


def _edge(gap: float | None) -> LineageEdge:
    evidence = {
        "method": "minhash+verify",
        "shared_quotes": ["a", "b", "c", "d"],
        "aligned_share_child": 0.62,
        "containment_child_in_parent": 0.38,
        "jaccard": 0.24,
        "attributions": [],
        "time_gap_hours": gap,
    }
    return LineageEdge("child", "parent", None, "rewrite", 0.6, True, json.dumps(evidence))


def test_evidence_in_words() -> None:
    text = describe_evidence(_edge(3.0), "P", cites=["Reuters"])
    assert text == (
        "shares 4 quotes and 62% of its sentences with P; 38% of its word 3-grams are in it (Jaccard 0.24); "
        "cites Reuters; published 3 h later"
    )
    assert describe_evidence(_edge(0.5), "P").endswith("published 30 min later")
    assert describe_evidence(_edge(26.4), "P").endswith("published 26 h later")
    assert describe_evidence(_edge(None), "P").endswith("order inferred from text (a date is missing)")


def test_members_table_in_publication_order() -> None:
    t = datetime(2024, 12, 26, tzinfo=UTC)
    articles = {
        "b": ArticleView("b", "Outlet B", None, None, "s"),
        "a": ArticleView("a", "Outlet A", None, t, "s"),
    }
    edges = [
        LineageEdge("a", None, "Reuters", "rewrite", 0.8, True, "{}"),
        LineageEdge("b", "a", None, "rewrite", 0.6, True, "{}"),
        LineageEdge("b", None, "Reuters", "rewrite", 0.3, False, "{}"),
    ]
    header, rows = members_table(articles, edges)
    assert header[0] == "article"
    assert rows == [
        ("a", "Outlet A", "2024-12-26 00:00", "Reuters (cited)", "rewrite", "0.80"),
        ("b", "Outlet B", "-", "a", "rewrite", "0.60"),
    ]


def test_progress_bar_is_silent_when_not_a_terminal() -> None:
    out = io.StringIO()
    with progress_bar("signatures", 10, stream=out) as advance:
        for size in (3, 3, 3, 1):
            advance(size)
    assert out.getvalue() == ""


def test_progress_bar_draws_on_a_terminal() -> None:
    leader, follower = pty.openpty()
    with os.fdopen(follower, "w") as terminal:
        with progress_bar("signatures", 10, stream=terminal) as advance:
            for size in (3, 3, 3, 1):
                advance(size)
        terminal.flush()
    chunks = []
    while select.select([leader], [], [], 0.5)[0]:  # a pty hands output over in pieces
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the writing side is closed and everything was read
            break
        if not chunk:
            break
        chunks.append(chunk)
    drawn = b"".join(chunks).decode("utf-8", "replace")
    os.close(leader)
    assert "signatures" in drawn and "10/10" in drawn
