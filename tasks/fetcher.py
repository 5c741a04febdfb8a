"""Network I/O of polling: a polite HTTP fetcher (httpx) and the poll of a list of feeds.

The only module that opens sockets. Decisions (what is transient, how long to wait, which
entries to fetch, how to parse feeds and pages) are pure functions in :mod:`wiretrace.sources`
and :mod:`wiretrace.ingest`; this module applies them.

Politeness and robustness of :class:`Fetcher`:

- connect and read timeouts, plus a cap on a whole response's time (a server that trickles bytes);
- a cap on the body size: the declared Content-Length is checked first, then the (decoded)
  body is streamed and reading stops at the cap;
- retries only on transient failures (connect errors, timeouts, dropped connections, HTTP
  408/425/429/5xx) with exponential backoff, honouring Retry-After up to a cap;
- conditional GET (If-None-Match / If-Modified-Since from the validators stored last time);
- requests to one host start at least ``host_interval`` apart (redirect hops excepted: httpx
  follows them within the request);
- every request ends in one :class:`FetchResult` with an outcome and, when it failed, a reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version

import httpx

from wiretrace import ids
from wiretrace.errors import FeedError
from wiretrace.ingest import RawRecord, charset_of, decode_html, is_html_type
from wiretrace.params import FetchParams
from wiretrace.sources import (
    EntryState,
    FeedEntry,
    HostSchedule,
    entries_to_fetch,
    entry_after_failure,
    entry_ref,
    host_of,
    is_transient_status,
    page_record,
    parse_feed,
    parse_retry_after,
    retry_delay,
)


@dataclass(frozen=True)
class Validators:
    """Conditional-GET state of a URL from its last successful fetch."""

    etag: str | None
    last_modified: str | None
    body_hash: str


@dataclass(frozen=True)
class FetchResult:
    """The end of one request, after retries.

    ``outcome``: "fetched" (``body`` set, ``validators`` the new ones), "not_modified" (HTTP 304),
    "unchanged" (HTTP 200 with the body stored last time; ``body`` None) or "failed" (``reason``
    set; ``transient`` says whether a later attempt might succeed).
    """

    url: str
    outcome: str
    attempts: int
    fetched_at: datetime
    status: int | None = None
    final_url: str | None = None
    body: bytes | None = None
    content_type: str | None = None
    validators: Validators | None = None
    reason: str | None = None
    transient: bool = False


class _Failure(Exception):
    """One attempt failed; ``retry_after`` is the server's requested wait in seconds, if any."""

    def __init__(self, reason: str, transient: bool, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.status = status
        self.retry_after = retry_after


class Fetcher:
    """A polite HTTP GET client; one per poll, closed after it (``with Fetcher(...) as f``)."""

    def __init__(
        self,
        params: FetchParams,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.params = params
        self._clock = clock
        self._sleep = sleep
        self._schedule = HostSchedule(params.host_interval)
        self._client = httpx.Client(
            timeout=httpx.Timeout(params.read_timeout, connect=params.connect_timeout),
            follow_redirects=True,
            max_redirects=params.max_redirects,
            headers={"User-Agent": f"{params.user_agent} httpx/{version('httpx')}"},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def fetch(self, url: str, validators: Validators | None = None) -> FetchResult:
        """GET ``url`` (conditionally when ``validators`` are given), retrying transient failures."""
        headers = {}
        if validators is not None and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._attempt(url, headers, validators, attempt)
            except _Failure as failure:
                delay = retry_delay(attempt, failure.retry_after, self.params) if failure.transient else None
                if delay is None:
                    reason = failure.reason
                    if failure.transient and failure.retry_after is not None and attempt <= self.params.retries:
                        reason += (
                            f"; Retry-After {failure.retry_after:g} s exceeds the {self.params.max_retry_after:g} s cap"
                        )
                    elif failure.transient and attempt > 1:
                        reason += f" (after {attempt} attempts)"
                    return FetchResult(
                        url=url,
                        outcome="failed",
                        attempts=attempt,
                        fetched_at=datetime.now(UTC),
                        status=failure.status,
                        reason=reason,
                        transient=failure.transient,
                    )
                self._sleep(delay)

    def _attempt(
        self, url: str, headers: Mapping[str, str], validators: Validators | None, attempt: int
    ) -> FetchResult:
        wait = self._schedule.reserve(host_of(url), self._clock())
        if wait > 0:
            self._sleep(wait)
        started = self._clock()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                final_url = str(response.url)
                if status == 304:
                    return FetchResult(url, "not_modified", attempt, datetime.now(UTC), status, final_url)
                if status >= 400 or status < 200:
                    retry_after = parse_retry_after(response.headers.get("retry-after"), datetime.now(UTC))
                    phrase = f"HTTP {status} {response.reason_phrase}".rstrip()
                    raise _Failure(phrase, is_transient_status(status), status, retry_after)
                body = self._read_body(response, started)
        except httpx.TimeoutException as exc:
            raise _Failure(f"timed out ({type(exc).__name__})", transient=True) from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Failure(f"connection failed ({type(exc).__name__}: {exc})", transient=True) from exc
        except httpx.TooManyRedirects as exc:
            raise _Failure(f"more than {self.params.max_redirects} redirects", transient=False) from exc
        except httpx.HTTPError as exc:  # invalid URL, unsupported scheme, undecodable content encoding
            raise _Failure(f"request failed ({type(exc).__name__}: {exc})", transient=False) from exc
        body_hash = ids.body_hash(body)
        now = datetime.now(UTC)
        if validators is not None and validators.body_hash == body_hash:
            return FetchResult(url, "unchanged", attempt, now, status, final_url)
        return FetchResult(
            url=url,
            outcome="fetched",
            attempts=attempt,
            fetched_at=now,
            status=status,
            final_url=final_url,
            body=body,
            content_type=response.headers.get("content-type"),
            validators=Validators(response.headers.get("etag"), response.headers.get("last-modified"), body_hash),
        )

    def _read_body(self, response: httpx.Response, started: float) -> bytes:
        """The body, streamed; stops at ``max_bytes`` (decoded) and at ``max_seconds`` since ``started``."""
        limit = self.params.max_bytes
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise _Failure(f"body of {int(declared)} bytes exceeds the {limit} byte limit (not read)", transient=False)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _Failure(f"body exceeds the {limit} byte limit (stopped reading)", transient=False)
            if self._clock() - started > self.params.max_seconds:
                raise _Failure(f"response took longer than {self.params.max_seconds:g} s", transient=True)
            chunks.append(chunk)
        return b"".join(chunks)


@dataclass
class PollState:
    """What earlier polls stored: validators per URL and entries per feed URL."""

    validators: dict[str, Validators] = field(default_factory=dict)
    entries: dict[str, dict[str, EntryState]] = field(default_factory=dict)


@dataclass
class PollOutcome:
    """Everything a poll found, to be written in one write session.

    ``records`` are ``(feed URL, raw record)`` for :func:`wiretrace.ingest.articles_from_records`;
    the row lists follow the FETCH, HTTP_CACHE and FEED_ENTRY schemas.
    """

    records: list[tuple[str, RawRecord]] = field(default_factory=list)
    fetches: list[dict[str, object]] = field(default_factory=list)
    cache: list[dict[str, object]] = field(default_factory=list)
    entries: list[dict[str, object]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the poll found anything to store: records, entry changes or failures.

        A poll of unchanged feeds (HTTP 304, or the same body) finds nothing, and so writes nothing.
        """
        return bool(self.records or self.entries or any(f["outcome"] == "failed" for f in self.fetches))


def poll_feeds(feeds: Sequence[str], state: PollState, fetcher: Fetcher) -> PollOutcome:
    """Fetch each feed, then the pages of its new, changed and pending entries."""
    outcome = PollOutcome()
    for feed_url in feeds:
        listed: list[FeedEntry] = []
        feed_title: str | None = None
        result = fetcher.fetch(feed_url, state.validators.get(feed_url))
        _log(outcome, result, "feed", feed_url)
        if result.outcome == "fetched" and result.body is not None:
            try:
                parsed = parse_feed(result.body, result.content_type, result.final_url or feed_url)
            except FeedError as exc:
                outcome.fetches[-1].update(outcome="failed", reason=str(exc))
            else:
                listed = list(parsed.entries)
                feed_title = parsed.title
                if parsed.warning:
                    outcome.fetches[-1]["reason"] = f"parsed despite: {parsed.warning}"
                _cache(outcome, result)
        # 304, the same body, or a failure: only entries left pending by earlier polls are fetched
        # (without the feed's title: such a page is named by its own metadata or its host).
        for entry, attempts in entries_to_fetch(listed, state.entries.get(feed_url, {})):
            _fetch_page(outcome, fetcher, state, feed_url, entry, attempts, feed_title)
    return outcome


def _fetch_page(
    outcome: PollOutcome,
    fetcher: Fetcher,
    state: PollState,
    feed_url: str,
    entry: FeedEntry,
    attempts: int,
    feed_title: str | None = None,
) -> None:
    """Fetch one entry's page; add its record (article or reject), cache, log and entry rows."""
    row: dict[str, object] = {
        "feed_url": feed_url,
        "entry_key": entry.key,
        "link": entry.link,
        "title": entry.title,
        "published_at": entry.published_at,
        "digest": entry.digest,
        "status": "done",
        "attempts": attempts,
        "reason": None,
    }
    outcome.entries.append(row)
    if entry.link is None:
        row["reason"] = "entry has no link"
        outcome.records.append((feed_url, RawRecord(entry_ref(entry), None, None, error="feed entry has no link")))
        return
    result = fetcher.fetch(entry.link, state.validators.get(entry.link))
    _log(outcome, result, "page", feed_url)
    if result.outcome == "failed":
        row["attempts"] = attempts + 1
        row["status"] = entry_after_failure(attempts + 1, result.transient, fetcher.params)
        row["reason"] = result.reason
        return
    if result.outcome != "fetched" or result.body is None:
        return  # 304 or the same body: the stored article is current
    _cache(outcome, result)
    ref = entry_ref(entry)
    if not is_html_type(result.content_type):
        error = f"page {result.final_url} has content type {result.content_type or '(missing)'}, not HTML"
        outcome.records.append((feed_url, RawRecord(ref, None, entry.link, error=error)))
        return
    html = decode_html(result.body, charset_of(result.content_type))
    if html is None:
        error = f"page {result.final_url} is binary or undecodable"
        outcome.records.append((feed_url, RawRecord(ref, None, entry.link, error=error)))
        return
    outcome.records.append((feed_url, page_record(entry, result.final_url or entry.link, html, feed_title)))


def _log(outcome: PollOutcome, result: FetchResult, kind: str, feed_url: str) -> None:
    outcome.fetches.append(
        {
            "url": result.url,
            "kind": kind,
            "feed_url": feed_url,
            "outcome": result.outcome,
            "status": result.status,
            "reason": result.reason,
            "attempts": result.attempts,
            "n_bytes": None if result.body is None else len(result.body),
            "final_url": result.final_url,
            "fetched_at": result.fetched_at,
        }
    )


def _cache(outcome: PollOutcome, result: FetchResult) -> None:
    if result.validators is not None:
        outcome.cache.append(
            {
                "url": result.url,
                "etag": result.validators.etag,
                "last_modified": result.validators.last_modified,
                "body_hash": result.validators.body_hash,
                "fetched_at": result.fetched_at,
            }
        )
