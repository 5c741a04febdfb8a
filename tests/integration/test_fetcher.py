"""The polite fetcher against a real HTTP server on 127.0.0.1: errors, retries, limits, conditional GET."""

from __future__ import annotations

import socket

import pytest

from tasks.fetcher import Fetcher, PollState, Validators, poll_feeds
from tests.httpserver import LocalServer, Reply, article_html, rss
from wiretrace.params import FetchParams

# Small limits so failures come quickly; no politeness delay unless a test asks for it.
FAST = FetchParams(
    connect_timeout=1.0,
    read_timeout=0.5,
    max_seconds=2.0,
    retries=2,
    backoff=0.01,
    max_retry_after=1.0,
    host_interval=0.0,
    max_bytes=64 * 1024,
)
PAGE = article_html("Quake hits coast", ["A strong earthquake struck the northern coast on Friday, officials said."])


def _fetch(url: str, validators: Validators | None = None, params: FetchParams = FAST):
    with Fetcher(params) as fetcher:
        return fetcher.fetch(url, validators)


def test_etag_and_last_modified_make_the_second_fetch_a_304(local_server: LocalServer) -> None:
    url = local_server.serve(
        "/a", Reply(body=PAGE.encode(), etag='"v1"', last_modified="Mon, 23 Dec 2024 10:00:00 GMT")
    )
    first = _fetch(url)
    assert first.outcome == "fetched" and first.body == PAGE.encode() and first.validators is not None
    assert (first.validators.etag, first.validators.last_modified) == ('"v1"', "Mon, 23 Dec 2024 10:00:00 GMT")
    second = _fetch(url, first.validators)
    assert second.outcome == "not_modified" and second.status == 304 and second.body is None
    sent = local_server.request_headers[-1][1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == "Mon, 23 Dec 2024 10:00:00 GMT"
    assert local_server.hits["/a"] == 2


def test_last_modified_alone_is_used(local_server: LocalServer) -> None:
    url = local_server.serve("/lm", Reply(body=PAGE.encode(), last_modified="Tue, 24 Dec 2024 08:00:00 GMT"))
    first = _fetch(url)
    assert first.validators is not None and first.validators.etag is None
    assert _fetch(url, first.validators).outcome == "not_modified"


def test_same_body_without_validators_is_unchanged(local_server: LocalServer) -> None:
    url = local_server.serve("/plain", Reply(body=PAGE.encode()))
    first = _fetch(url)
    assert first.validators is not None
    again = _fetch(url, first.validators)
    assert again.outcome == "unchanged" and again.body is None


def test_404_fails_at_once_without_retry(local_server: LocalServer) -> None:
    result = _fetch(local_server.url("/missing"))
    assert (result.outcome, result.status, result.transient, result.attempts) == ("failed", 404, False, 1)
    assert result.reason is not None and "HTTP 404" in result.reason
    assert local_server.hits["/missing"] == 1


def test_500_is_retried_then_given_up(local_server: LocalServer) -> None:
    url = local_server.serve("/broken", Reply(status=500, body=b"oops", content_type="text/plain"))
    result = _fetch(url)
    assert result.outcome == "failed" and result.transient and result.status == 500
    assert local_server.hits["/broken"] == 1 + FAST.retries
    assert result.reason is not None and "HTTP 500" in result.reason and "3 attempts" in result.reason


def test_503_then_200_succeeds_on_retry(local_server: LocalServer) -> None:
    url = local_server.serve("/flaky", Reply(status=503, headers={"Retry-After": "0"}), Reply(body=PAGE.encode()))
    result = _fetch(url)
    assert result.outcome == "fetched" and result.attempts == 2
    assert local_server.hits["/flaky"] == 2


def test_retry_after_beyond_the_cap_ends_the_attempt(local_server: LocalServer) -> None:
    url = local_server.serve("/throttled", Reply(status=429, headers={"Retry-After": "3600"}))
    result = _fetch(url)
    assert result.outcome == "failed" and result.transient and result.status == 429
    assert result.reason is not None and "Retry-After 3600 s exceeds" in result.reason
    assert local_server.hits["/throttled"] == 1


def test_slow_response_times_out_and_is_retried(local_server: LocalServer) -> None:
    url = local_server.serve("/slow", Reply(body=PAGE.encode(), delay=FAST.read_timeout * 3))
    result = _fetch(url, params=FetchParams(**{**FAST.__dict__, "retries": 1}))
    assert result.outcome == "failed" and result.transient
    assert result.reason is not None and "timed out" in result.reason
    assert local_server.hits["/slow"] == 2


def test_trickling_body_is_cut_at_the_time_cap(local_server: LocalServer) -> None:
    body = b"x" * (40 * 1024)  # 40 chunks of 1 KiB, 0.1 s apart: 4 s, over max_seconds
    url = local_server.serve("/drip", Reply(body=body, drip=0.1))
    result = _fetch(url, params=FetchParams(**{**FAST.__dict__, "retries": 0}))
    assert result.outcome == "failed" and result.reason is not None and "longer than" in result.reason


def test_huge_page_with_content_length_is_not_read(local_server: LocalServer) -> None:
    url = local_server.serve("/huge", Reply(body=b"<p>" + b"a" * (FAST.max_bytes * 4) + b"</p>"))
    result = _fetch(url)
    assert result.outcome == "failed" and not result.transient and result.attempts == 1
    assert result.reason is not None and "not read" in result.reason


def test_huge_page_without_length_stops_at_the_limit(local_server: LocalServer) -> None:
    url = local_server.serve("/stream", Reply(body=b"a" * (FAST.max_bytes * 4), send_length=False))
    result = _fetch(url)
    assert result.outcome == "failed" and result.reason is not None and "stopped reading" in result.reason


def test_redirect_is_followed_and_the_final_url_kept(local_server: LocalServer) -> None:
    target = local_server.serve("/story", Reply(body=PAGE.encode()))
    url = local_server.serve("/r", Reply(status=301, headers={"Location": "/story"}, content_type=None))
    result = _fetch(url)
    assert result.outcome == "fetched" and result.final_url == target and result.url == url


def test_redirect_loop_fails(local_server: LocalServer) -> None:
    url = local_server.serve("/loop", Reply(status=302, headers={"Location": "/loop"}, content_type=None))
    result = _fetch(url)
    assert result.outcome == "failed" and not result.transient
    assert result.reason is not None and "redirects" in result.reason


def test_refused_connection_is_transient() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = _fetch(f"http://127.0.0.1:{port}/feed.xml", params=FetchParams(**{**FAST.__dict__, "retries": 1}))
    assert result.outcome == "failed" and result.transient and result.attempts == 2
    assert result.reason is not None and "connection failed" in result.reason


def test_requests_to_one_host_are_spaced(local_server: LocalServer) -> None:
    """With a clock that only moves when the fetcher sleeps, the waits are exactly the schedule's."""
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    url = local_server.serve("/p", Reply(body=PAGE.encode()))
    with Fetcher(FetchParams(**{**FAST.__dict__, "host_interval": 2.5}), clock=lambda: now[0], sleep=sleep) as f:
        for _ in range(3):
            assert f.fetch(url).outcome == "fetched"
    assert slept == [2.5, 2.5]


def test_poll_of_an_unchanged_feed_fetches_no_page(local_server: LocalServer) -> None:
    page = local_server.serve("/news/1", Reply(body=PAGE.encode()))
    feed = local_server.serve(
        "/feed.xml", Reply(body=rss([{"title": "Quake", "link": page, "guid": "n1"}]).encode(), etag='"f1"')
    )
    with Fetcher(FAST) as fetcher:
        first = poll_feeds([feed], PollState(), fetcher)
    assert [r.ref for _, r in first.records] == [f"entry {page}"]
    assert [e["status"] for e in first.entries] == ["done"]
    state = PollState(
        validators={c["url"]: Validators(c["etag"], c["last_modified"], c["body_hash"]) for c in first.cache},  # type: ignore[arg-type]
    )
    from wiretrace.sources import EntryState, FeedEntry

    state.entries[feed] = {
        str(e["entry_key"]): EntryState(
            FeedEntry(str(e["entry_key"]), page, "Quake", None, str(e["digest"])), str(e["status"]), 0
        )
        for e in first.entries
    }
    before = local_server.total()
    with Fetcher(FAST) as fetcher:
        second = poll_feeds([feed], state, fetcher)
    assert local_server.total() - before == 1 and not second.changed
    assert [f["outcome"] for f in second.fetches] == ["not_modified"]


@pytest.mark.parametrize(
    ("declared", "actual"),
    [("iso-8859-1", "utf-8"), ("utf-8", "cp1252"), ("windows-1252", "cp1252")],
)
def test_feed_and_page_with_wrong_declared_charset_decode_right(
    local_server: LocalServer, declared: str, actual: str
) -> None:
    words = "Café owners in Zürich said the naïve plan would fail, officials said on Friday in a statement."
    page = local_server.serve(
        "/p",
        Reply(
            body=article_html("Zürich café", [words, words.upper()]).replace("charset='utf-8'", "").encode(actual),
            content_type=f"text/html; charset={declared}",
        ),
    )
    feed = local_server.serve(
        "/f",
        Reply(
            body=rss([{"title": "Zürich café", "link": page}], encoding=declared).encode(actual),
            content_type=f"application/rss+xml; charset={declared}",
        ),
    )
    with Fetcher(FAST) as fetcher:
        outcome = poll_feeds([feed], PollState(), fetcher)
    ((_, record),) = outcome.records
    assert isinstance(record.value, dict)
    assert record.value["title"] == "Zürich café"
    assert "Café owners in Zürich said the naïve plan" in str(record.value["html"])
