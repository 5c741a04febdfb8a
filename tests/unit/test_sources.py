"""Pure parts of polling: feed lists, feed parsing, entry selection, retry rules, rate limiting, decoding."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from wiretrace.errors import FeedError, InputError
from wiretrace.incremental import StoredArticle, split_new_articles
from wiretrace.ingest import decode_html
from wiretrace.params import FetchParams
from wiretrace.schemas import ARTICLE
from wiretrace.sources import (
    EntryState,
    FeedEntry,
    HostSchedule,
    entries_to_fetch,
    entry_after_failure,
    feed_outlet,
    feed_urls,
    page_record,
    parse_feed,
    parse_retry_after,
    read_feed_list,
    retry_delay,
)

FEED_URL = "https://news.example.com/rss/world.xml"
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example World</title><link>https://news.example.com/</link>
<item><title>Quake hits coast</title><link>/world/quake</link><guid isPermaLink="false">n-1</guid>
<pubDate>Tue, 24 Dec 2024 10:00:00 GMT</pubDate><description>A quake.</description></item>
<item><title>Second</title><link>https://news.example.com/world/second</link></item>
<item><title>Second again</title><link>https://news.example.com/world/second</link></item>
<item><title>No link, no id</title></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>E1</title><link href="https://a.example/e1"/><id>urn:e1</id>
<updated>2024-12-24T10:00:00Z</updated><published>2024-12-23T09:30:00+01:00</published></entry></feed>"""


def test_feed_list_skips_comments_blanks_and_duplicates() -> None:
    text = "# my feeds\nhttps://a.example/rss\n\n  https://b.example/atom.xml  # world\nhttps://a.example/rss\n"
    assert read_feed_list(text, "feeds.txt") == ["https://a.example/rss", "https://b.example/atom.xml"]


def test_feed_list_names_the_bad_line() -> None:
    with pytest.raises(InputError, match=r"feeds.txt line 2: 'ftp://x/feed' is not an http\(s\) URL"):
        read_feed_list("https://a.example/rss\nftp://x/feed\n", "feeds.txt")


def test_feed_urls_needs_at_least_one_and_a_readable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no feeds to poll"):
        feed_urls([], None)
    with pytest.raises(InputError, match=r"missing\.txt: feeds file cannot be read"):
        feed_urls(None, str(tmp_path / "missing.txt"))
    listed = tmp_path / "feeds.txt"
    listed.write_text("https://b.example/f\nhttps://a.example/f\n", encoding="utf-8")
    assert feed_urls(["https://a.example/f"], str(listed)) == ["https://a.example/f", "https://b.example/f"]


def test_rss_entries_keys_links_and_dates() -> None:
    feed = parse_feed(RSS, "application/rss+xml", FEED_URL)
    assert feed.title == "Example World" and feed.warning is None
    first, second = feed.entries  # the repeated link is kept once; the entry with neither id nor link is dropped
    assert (first.key, first.link, first.title) == ("n-1", "https://news.example.com/world/quake", "Quake hits coast")
    assert first.published_at == "2024-12-24T10:00:00+00:00"
    assert second.key == second.link == "https://news.example.com/world/second" and second.published_at is None


def test_atom_entries_use_published_in_utc() -> None:
    (entry,) = parse_feed(ATOM, None, "https://a.example/atom").entries
    assert (entry.key, entry.link, entry.published_at) == (
        "urn:e1",
        "https://a.example/e1",
        "2024-12-23T08:30:00+00:00",
    )


def test_digest_changes_only_when_the_entry_does() -> None:
    (a, _) = parse_feed(RSS, None, FEED_URL).entries
    (b, _) = parse_feed(
        RSS.replace(b"<channel><title>Example World", b"<channel><title>Renamed"), None, FEED_URL
    ).entries
    (c, _) = parse_feed(RSS.replace(b"Quake hits coast", b"Quake hits coast, 12 dead"), None, FEED_URL).entries
    assert a.digest == b.digest != c.digest and a.key == c.key


def test_malformed_xml_keeps_recoverable_entries_with_a_warning() -> None:
    broken = RSS.replace(b"<description>A quake.</description>", b"<description>A &bogus; quake</description>")
    feed = parse_feed(broken, None, FEED_URL)
    assert feed.warning is not None and "undefined entity" in feed.warning
    assert feed.entries[0].key == "n-1"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"this is { not xml", "malformed feed"),
        (b"<rss><channel><title>x</title><item><title>A", "malformed feed"),
        (b"<html><body><p>a web page</p></body></html>", "not an RSS or Atom feed"),
    ],
)
def test_unusable_feeds_raise_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(data, "text/xml", FEED_URL)


def _entry(key: str, digest: str = "d") -> FeedEntry:
    return FeedEntry(key=key, link=f"https://x.example/{key}", title=key, published_at=None, digest=digest)


def test_entries_to_fetch_new_changed_and_pending_only() -> None:
    stored = {
        "done": EntryState(_entry("done"), "done", 0),
        "changed": EntryState(_entry("changed", "old"), "done", 0),
        "pending": EntryState(_entry("pending"), "pending", 1),
        "failed": EntryState(_entry("failed"), "failed", 3),
        "gone-pending": EntryState(_entry("gone-pending"), "pending", 2),
    }
    listed = [_entry("new"), _entry("done"), _entry("changed", "new"), _entry("pending"), _entry("failed")]
    chosen = [(e.key, n) for e, n in entries_to_fetch(listed, stored)]
    assert chosen == [("new", 0), ("changed", 0), ("pending", 1), ("gone-pending", 2)]
    # A feed that answered 304 lists nothing: only pending entries are retried.
    assert [(e.key, n) for e, n in entries_to_fetch([], stored)] == [("gone-pending", 2), ("pending", 1)]


def test_entry_after_failure_gives_up_after_max_attempts() -> None:
    params = FetchParams(max_entry_attempts=3)
    assert [entry_after_failure(n, True, params) for n in (1, 2, 3)] == ["pending", "pending", "failed"]
    assert entry_after_failure(1, False, params) == "failed"


def test_retry_after_seconds_and_http_dates() -> None:
    now = datetime(2024, 12, 24, 10, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Tue, 24 Dec 2024 10:00:30 GMT", now) == 30.0
    assert parse_retry_after("Tue, 24 Dec 2024 09:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None and parse_retry_after(None, now) is None


def test_retry_delay_backs_off_caps_and_stops() -> None:
    params = FetchParams(retries=3, backoff=0.5, max_retry_after=10)
    assert [retry_delay(n, None, params) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, None]
    assert retry_delay(1, 7.0, params) == 7.0
    assert retry_delay(1, 11.0, params) is None


def test_host_schedule_spaces_requests_per_host() -> None:
    schedule = HostSchedule(2.0)
    assert schedule.reserve("a", 10.0) == 0.0
    assert schedule.reserve("a", 10.5) == 1.5  # slot at 12.0
    assert schedule.reserve("a", 10.5) == 3.5  # slot at 14.0
    assert schedule.reserve("b", 10.5) == 0.0  # other hosts are not held up
    assert schedule.reserve("a", 20.0) == 0.0


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        ("Zürich café".encode(), "iso-8859-1", "Zürich café"),  # declared latin-1, really UTF-8
        ("Zürich café".encode("cp1252"), "utf-8", "Zürich café"),  # declared UTF-8, really cp1252
        ("Zürich – café".encode("cp1252"), "iso-8859-1", "Zürich – café"),  # latin-1 read as browsers do
        (b"<meta charset='windows-1251'>" + "Москва".encode("cp1251"), None, "<meta charset='windows-1251'>Москва"),
        ("Москва".encode("koi8-r"), "koi8-r", "Москва"),
    ],
)
def test_decode_html_trusts_bytes_over_wrong_declarations(data: bytes, declared: str | None, expected: str) -> None:
    assert decode_html(data, declared) == expected


def _articles(rows: list[tuple[str, str | None, str]]) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "article_id": a,
                "url": url,
                "outlet": "x",
                "text": h,
                "clean_text": h,
                "content_hash": h,
                "source_file": "f",
                "record_ref": f"line {i}",
            }
            for i, (a, url, h) in enumerate(rows)
        ],
        schema=ARTICLE,
    )


def test_split_new_revised_conflicting_and_unchanged() -> None:
    stored = {
        "same": StoredArticle("h1", "https://x.example/same"),
        "edited": StoredArticle("h1", "https://www.x.example/edited/"),
        "no-url": StoredArticle("h1", None),
        "moved": StoredArticle("h1", "https://x.example/old"),
    }
    batch = _articles(
        [
            ("new", "https://x.example/new", "h9"),
            ("same", "https://x.example/same", "h1"),
            ("edited", "https://x.example/edited?utm_source=rss", "h2"),  # same URL once normalised
            ("no-url", None, "h2"),
            ("moved", "https://x.example/new-place", "h2"),
        ]
    )
    split = split_new_articles(batch, stored)
    assert split.new.column("article_id").to_pylist() == ["new"]
    assert split.revised.column("article_id").to_pylist() == ["edited"]
    assert split.unchanged == 1
    assert [r.split("'")[1] for r in split.conflicts.column("reason").to_pylist()] == ["no-url", "moved"]


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Example World", "Example World"),
        ("BBC News - World", "BBC News"),
        ("Reuters: World News", "Reuters"),
        ("NYT > Top Stories", "NYT"),
        ("Al Jazeera \u2013 Breaking News, World News and Video", "Al Jazeera"),
        ("  Spaced   Out  | Home ", "Spaced Out"),
        ("", None),
        (None, None),
    ],
)
def test_feed_outlet_is_the_feed_title_before_its_section(title: str | None, outlet: str | None) -> None:
    assert feed_outlet(title) == outlet


def test_page_record_carries_the_feeds_outlet_name() -> None:
    entry = FeedEntry(key="k", link="https://x.example/a", title="A", published_at=None, digest="d")
    record = page_record(entry, "https://x.example/a", "<html></html>", "Example World - Top")
    assert isinstance(record.value, dict) and record.value["feed_title"] == "Example World"
    bare = page_record(entry, "https://x.example/a", "<html></html>")
    assert isinstance(bare.value, dict) and "feed_title" not in bare.value
