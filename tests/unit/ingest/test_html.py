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


_OG = '<meta property="og:site_name" content=" The  Example   Times ">'
_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle",'
    ' "publisher": {"@type": "NewsMediaOrganization", "name": "Example Post"}}]}</script>'
)
_APP = '<meta name="application-name" content="Example App">'
_NOT_NAMES = (
    '<script type="application/ld+json">{not json</script><meta property="article:publisher"'
    ' content="https://www.facebook.com/example"><meta name="twitter:site" content="@example">'
)


@pytest.mark.parametrize(
    ("head", "outlet"),
    [
        (_APP + _LD + _OG, "The Example Times"),  # og:site_name first, whitespace collapsed
        (_APP + _LD, "Example Post"),  # then the JSON-LD publisher (inside @graph)
        (_APP, "Example App"),  # then application-name
        (_NOT_NAMES, "example.com"),  # a broken JSON-LD block, a Facebook URL, a handle: the host
        ('<meta property="og:site_name" content="https://www.example.com/">', "example.com"),  # a URL is no name
    ],
)
def test_html_outlet_is_the_name_the_page_gives_itself(tmp_path: Path, head: str, outlet: str) -> None:
    page = ARTICLE_HTML.replace("<head>", "<head>" + head)
    assert articles(read_inputs([write(tmp_path / "quake.html", page)]))["quake"]["outlet"] == outlet


def test_html_outlet_order_given_outlet_then_site_name_then_feed_title_then_host(tmp_path: Path) -> None:
    named = ARTICLE_HTML.replace("<head>", "<head>" + _OG)
    path = jsonl(
        tmp_path / "h.jsonl",
        {"id": "given", "html": named, "outlet": "Given Outlet", "feed_title": "Feed"},
        {"id": "site", "html": named, "feed_title": "Feed"},
        {"id": "feed", "html": ARTICLE_HTML, "feed_title": "Feed"},
        {"id": "host", "html": ARTICLE_HTML},
    )
    rows = articles(read_inputs([path]))
    assert {k: rows[k]["outlet"] for k in rows} == {
        "given": "Given Outlet",
        "site": "The Example Times",
        "feed": "Feed",
        "host": "example.com",
    }


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
