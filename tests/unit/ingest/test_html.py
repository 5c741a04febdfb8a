"""HTML inputs: text, title and URL extracted from pages and html fields; pages without an article rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.ingest.helpers import (
    ARTICLE_HTML,
    BODY,
    EMPTY_HTML,
    articles,
    jsonl,
    rejects,
    write,
)
from wiretrace.ingest import read_inputs


def test_html_file_text_title_and_canonical_url(tmp_path: Path) -> None:
    path = write(tmp_path / "quake.html", ARTICLE_HTML)
    result = read_inputs([path])

    row = articles(result)["quake"]
    assert BODY in row["text"]
    assert "Copyright" not in row["text"] and "World" not in row["text"]
    assert row["title"].startswith("Quake hits coast")
    assert row["url"] == "https://www.example.com/news/quake"
    assert row["outlet"] == "example.com"


def test_html_field_in_record_is_extracted(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "h.jsonl", {"id": "h1", "text": "  ", "html": ARTICLE_HTML, "title": "Given"})
    row = articles(read_inputs([path]))["h1"]
    assert BODY in row["text"]
    assert row["title"] == "Given"


def test_html_without_article_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "app.html", EMPTY_HTML)
    result = read_inputs([path])
    assert result.articles.num_rows == 0
    assert rejects(result) == [("file", "no article text found in HTML")]


@pytest.mark.parametrize(
    "body",
    [
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>",
        "<div class='cookies'>We use cookies to improve your experience. Accept all cookies?</div>",
        "<h1>Page not found</h1><p>Sorry, the page you requested does not exist.</p>",
    ],
)
def test_html_page_without_an_article_is_rejected(tmp_path: Path, body: str) -> None:
    result = read_inputs([write(tmp_path / "page.html", f"<html><body>{body}</body></html>")])
    assert result.articles.num_rows == 0
    [(ref, reason)] = rejects(result)
    assert ref == "file" and reason.startswith("no article text found in HTML")


def test_html_too_large_is_rejected_before_parsing(tmp_path: Path) -> None:
    html = f"<html><body><article><p>{BODY}</p>{'x' * 10_000_000}</article></body></html>"
    result = read_inputs([write(tmp_path / "huge.html", html)])
    assert result.articles.num_rows == 0
    assert rejects(result) == [("file", f"HTML too large ({len(html)} characters, limit 10000000)")]
