"""Feeds and the fetch policy: the pure half of polling (the network half is ``tasks/fetcher.py``).

Pure: bytes and clock readings in, values out; no sockets, no sleeping, no Prefect, no DuckDB.

- :func:`read_feed_list` / :func:`check_feed_url`: the feeds to poll, validated up front.
- :func:`parse_feed`: RSS 0.9x/1.0/2.0 and Atom (feedparser) into :class:`FeedEntry` values.
  An entry's ``key`` (its id/guid, else its link) identifies it across polls; its ``digest``
  changes when the entry does (link, title, dates or summary), which is what makes a poll of an
  unchanged feed fetch no page.
- :func:`page_record`: a fetched page as a raw record for :func:`wiretrace.ingest.articles_from_records`
  (HTML extraction is ingest's; the entry's title and date win over the page's metadata; the
  feed's title, up to a section separator (:func:`feed_outlet`), names the outlet when the page
  does not name itself).
- :func:`entries_to_fetch` / :func:`entry_after_failure`: which entries a poll fetches, given what
  earlier polls stored, and what a failed page fetch makes of an entry.
- Retry and politeness rules: :func:`is_transient_status`, :func:`parse_retry_after`,
  :func:`retry_delay`, :class:`HostSchedule`.
"""

from __future__ import annotations

import calendar
import email.utils
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser

from wiretrace.errors import FeedError, InputError
from wiretrace.ids import feed_entry_digest
from wiretrace.ingest import RawRecord
from wiretrace.params import FetchParams

__all__ = [
    "TRANSIENT_STATUS",
    "EntryState",
    "FeedEntry",
    "HostSchedule",
    "ParsedFeed",
    "check_feed_url",
    "entries_to_fetch",
    "entry_after_failure",
    "entry_ref",
    "feed_outlet",
    "feed_urls",
    "host_of",
    "is_transient_status",
    "page_record",
    "parse_feed",
    "parse_retry_after",
    "read_feed_list",
    "retry_delay",
]

#: HTTP statuses worth retrying: the server may answer differently in a moment.
TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed.

    Invariants: ``key`` is non-empty and unique within its feed; ``link`` is absolute or None;
    ``published_at`` is ISO 8601 in UTC or None; ``digest`` is a function of the entry's content.
    """

    key: str
    link: str | None
    title: str | None
    published_at: str | None
    digest: str


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed; ``warning`` says what was wrong with a feed that parsed anyway."""

    title: str | None
    entries: tuple[FeedEntry, ...]
    warning: str | None


@dataclass(frozen=True)
class EntryState:
    """What earlier polls stored about an entry (a row of ``wt.feed_entries``)."""

    entry: FeedEntry
    status: str  # "done" | "pending" | "failed"
    attempts: int


def entries_to_fetch(listed: Sequence[FeedEntry], stored: Mapping[str, EntryState]) -> list[tuple[FeedEntry, int]]:
    """Entries whose page must be fetched now, each with its earlier failed attempts.

    New entries and entries whose digest changed (attempts 0), and entries left "pending" by an
    earlier poll — also when the feed no longer lists them or answered 304 (``listed`` empty).
    An unchanged "done" or "failed" entry is never fetched again: a poll of an unchanged feed
    fetches no page.
    """
    chosen: list[tuple[FeedEntry, int]] = []
    keys: set[str] = set()
    for entry in listed:
        keys.add(entry.key)
        state = stored.get(entry.key)
        if state is None or state.entry.digest != entry.digest:
            chosen.append((entry, 0))
        elif state.status == "pending":
            chosen.append((entry, state.attempts))
    chosen.extend(
        (state.entry, state.attempts)
        for key, state in sorted(stored.items())
        if state.status == "pending" and key not in keys
    )
    return chosen


def entry_after_failure(attempts: int, transient: bool, params: FetchParams) -> str:
    """Status of an entry whose page fetch failed, ``attempts`` counting this poll's.

    A transient failure leaves it "pending" (retried next poll) until ``max_entry_attempts``
    polls have failed; a permanent failure (HTTP 404, too large, ...) is "failed" at once.
    """
    return "pending" if transient and attempts < params.max_entry_attempts else "failed"


def host_of(url: str) -> str:
    """The lower-cased ``host[:port]`` of a URL (the unit of rate limiting)."""
    parts = urlsplit(url)
    return (parts.netloc.rpartition("@")[2] or "").lower()


def check_feed_url(url: str, where: str = "feed") -> str:
    """``url`` stripped, if it is an absolute http(s) URL; else InputError naming ``where``."""
    value = url.strip()
    try:
        parts = urlsplit(value)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        raise InputError(f"{where}: {value!r} is not an http(s) URL")
    return value


def read_feed_list(text: str, origin: str) -> list[str]:
    """Feed URLs from a feeds file: one per line; blank lines and ``#`` comments ignored.

    Duplicates are listed once. Raises InputError naming ``origin`` and the line of a bad URL.
    """
    feeds: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        value = line.split("#", 1)[0].strip()
        if value:
            url = check_feed_url(value, f"{origin} line {number}")
            if url not in feeds:
                feeds.append(url)
    return feeds


def feed_urls(feeds: Sequence[str] | None, feeds_file: str | None = None, required: bool = True) -> list[str]:
    """The feeds to poll: ``feeds`` then those of ``feeds_file``, validated, each once.

    Raises InputError (a one-line reason) for a bad URL, an unreadable feeds file, or no feeds
    at all; with ``required`` False a feeds file that lists none (only comments, as
    ``wiretrace init`` writes it) gives an empty list instead.
    """
    urls = [check_feed_url(url) for url in feeds or []]
    if feeds_file:
        path = Path(feeds_file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{path}: feeds file cannot be read ({exc.strerror or exc})") from exc
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: feeds file is not UTF-8 text") from exc
        urls.extend(read_feed_list(text, str(path)))
    if not urls and (required or not feeds_file):
        if feeds_file:
            raise InputError(f"{feeds_file}: no feeds to poll: the file lists no feed URL (one per line)")
        raise InputError("no feeds to poll: give feed URLs or a feeds file")
    return list(dict.fromkeys(urls))


def _iso(parsed: object) -> str | None:
    """feedparser's UTC struct_time as ISO 8601, None when absent or impossible."""
    if not isinstance(parsed, time.struct_time):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _entry(raw: Mapping[str, object], feed_url: str) -> FeedEntry | None:
    """A FeedEntry, or None for an entry with neither an id nor a link (nothing to fetch or track)."""
    # dict.get: feedparser's own lookup maps a missing updated_parsed to published_parsed (deprecated).
    fields = dict(raw)
    link = _text(fields.get("link"))
    link = urljoin(feed_url, link) if link else None
    key = _text(fields.get("id")) or link
    if key is None:
        return None
    title = _text(fields.get("title"))
    updated = _iso(fields.get("updated_parsed"))
    published = _iso(fields.get("published_parsed")) or updated
    summary = _text(fields.get("summary"))
    digest = feed_entry_digest([link, title, published, updated, summary])
    return FeedEntry(key=key, link=link, title=title, published_at=published, digest=digest)


def parse_feed(data: bytes, content_type: str | None, feed_url: str) -> ParsedFeed:
    """Entries of an RSS or Atom document, in document order, the first of a repeated key kept.

    feedparser decides the encoding (declared in the HTTP header, the XML prolog, or detected)
    and recovers what it can from malformed XML; a feed that parses with problems keeps its
    entries and gets a ``warning``. Raises FeedError when nothing usable comes out: not a feed,
    or malformed with no entries. Relative links resolve against ``feed_url``.
    """
    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(data, response_headers=headers)  # bytes: feedparser never fetches
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    reason = f"{type(problem).__name__}: {problem}" if problem is not None else None
    if not parsed.entries and reason is None and not parsed.get("version"):
        raise FeedError("not an RSS or Atom feed")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for raw in parsed.entries:
        entry = _entry(raw, feed_url)
        if entry is not None and entry.key not in seen:
            seen.add(entry.key)
            entries.append(entry)
    if not entries and reason is not None:
        raise FeedError(f"malformed feed ({reason})")
    return ParsedFeed(title=_text(parsed.feed.get("title")), entries=tuple(entries), warning=reason)


def page_record(entry: FeedEntry, final_url: str, html: str, feed_title: str | None = None) -> RawRecord:
    """A fetched page as a raw record: url = the URL after redirects; the entry's title and date;
    ``feed_title`` (the feed's own title) as the outlet's name when the page gives none."""
    fields: dict[str, object] = {"url": final_url, "html": html}
    outlet = feed_outlet(feed_title)
    if outlet:
        fields["feed_title"] = outlet
    if entry.title:
        fields["title"] = entry.title
    if entry.published_at:
        fields["published_at"] = entry.published_at
    return RawRecord(entry_ref(entry), fields, html)


# Where a feed's title turns from the outlet's name to a section: "BBC News - World", "Reuters: World
# News", "NYT > Top Stories", "Al Jazeera – Breaking News".
_FEED_SECTION = re.compile(r"\s+[-–—|>]\s+|:\s+")


def feed_outlet(feed_title: str | None) -> str | None:
    """The outlet named by a feed's title: the title up to its first section separator, else None."""
    if not feed_title:
        return None
    name = _FEED_SECTION.split(" ".join(feed_title.split()), maxsplit=1)[0].strip()
    return name or None


def entry_ref(entry: FeedEntry) -> str:
    """How quarantine rows name a feed entry: ``entry <link>`` (its key when it has no link)."""
    return f"entry {entry.link or entry.key}"


def is_transient_status(status: int) -> bool:
    """Whether an HTTP status is worth retrying (timeouts, throttling, server errors)."""
    return status in TRANSIENT_STATUS


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (seconds or an HTTP date); None when absent or invalid."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def retry_delay(attempt: int, retry_after: float | None, params: FetchParams) -> float | None:
    """Seconds to wait before retry number ``attempt`` (1-based), or None to give up.

    Gives up after ``params.retries`` retries, or when the server asks for a longer wait than
    ``params.max_retry_after``. Without Retry-After: exponential backoff ``backoff * 2**(attempt-1)``.
    """
    if attempt > params.retries:
        return None
    if retry_after is not None:
        return retry_after if retry_after <= params.max_retry_after else None
    return params.backoff * 2 ** (attempt - 1)


class HostSchedule:
    """Per-host request slots: requests to one host start at least ``interval`` seconds apart.

    Pure bookkeeping over a monotonic clock reading supplied by the caller; :meth:`reserve`
    books the next slot and says how long to wait for it.
    """

    def __init__(self, interval: float) -> None:
        if interval < 0:
            raise ValueError(f"interval must not be negative, got {interval}")
        self.interval = interval
        self._next: dict[str, float] = {}

    def reserve(self, host: str, now: float) -> float:
        """Book a request to ``host``; return the seconds to wait before sending it (>= 0)."""
        start = max(now, self._next.get(host, now))
        self._next[host] = start + self.interval
        return start - now
