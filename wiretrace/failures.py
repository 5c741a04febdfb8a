"""When a run or poll has "nothing usable", and how its failures are counted and named.

A run (of files) has **nothing usable** when not one of its input records passed validation:
every record was quarantined, or every input file was empty (an empty file is quarantined as
``empty file: no records``). Records that are already stored *are* usable: re-running on the
same input is never a failure.

A poll has **nothing usable** when it made requests and every one failed (no feed and no page
could be fetched: a malformed feed, a refused connection, a 404 …), or when every page it
fetched was quarantined and not one gave an article. A poll whose feeds are unchanged (HTTP 304
or the same body), or that has no feeds, is not a failure; nor is a poll where some requests
succeeded: its summary counts the failures by reason.

Pure functions: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

_HTTP = re.compile(r"^HTTP \d{3}")
_EXCEPTION = re.compile(r"^(?P<head>[^(]*?) \((?P<exc>[A-Za-z_.]*(?:Error|Exception|Timeout|Exceeded)\w*)\b")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+")
_NUMBER = re.compile(r"\d+")
_KIND_CHARS = 60

#: Where each kind of failure is recorded, row by row.
FETCH_LOG = "lineage.fetch_log"
QUARANTINE = "lineage.quarantine"


def reason_kind(reason: str | None) -> str:
    """A failure or quarantine reason without its particulars (values, URLs, numbers), to count by.

    ``"HTTP 404 Not Found"`` → ``"HTTP 404"``; ``"connection failed (ConnectError: [Errno 111] …)"``
    → ``"connection failed (ConnectError)"``; ``"published_at '2999-01-01' is not a valid date"``
    → ``"published_at … is not a valid date"``.
    """
    text = " ".join((reason or "unknown").split())
    if http := _HTTP.match(text):
        return http.group(0)
    if exc := _EXCEPTION.match(text):
        return f"{exc.group('head')} ({exc.group('exc')})"
    text = _NUMBER.sub("N", _URL.sub("<url>", _QUOTED.sub("…", text)))
    return text if len(text) <= _KIND_CHARS else text[: _KIND_CHARS - 1] + "…"


def count_by_kind(reasons: Iterable[str | None]) -> dict[str, int]:
    """How many reasons of each :func:`reason_kind`, most frequent first (ties by name)."""
    counts = Counter(reason_kind(r) for r in reasons)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def merge_counts(*counts: Mapping[str, int]) -> dict[str, int]:
    """Sum of several count-by-kind mappings, most frequent first."""
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    return dict(sorted(total.items(), key=lambda item: (-item[1], item[0])))


def describe_counts(counts: Mapping[str, int], limit: int = 4) -> str:
    """``"HTTP 404 2, connection failed (ConnectError) 1"``; past ``limit`` kinds, ``"and N more"``."""
    shown = [f"{kind} {n}" for kind, n in list(counts.items())[:limit]]
    if len(counts) > limit:
        shown.append(f"{len(counts) - limit} more kinds")
    return ", ".join(shown)


def nothing_usable(kind: str, run_id: str, counts: Mapping[str, Any]) -> str | None:
    """The one-line reason a run (``kind`` "run") or poll (``kind`` "poll") failed, or None if it had something usable.

    ``counts`` are the run's counts: ``articles_read``, ``quarantined`` and ``quarantined_by_reason``;
    for a poll also ``requests``, ``failed_requests`` and ``failed_by_reason``.
    """
    read = int(counts.get("articles_read", 0))
    quarantined = int(counts.get("quarantined", 0))
    by_reason = counts.get("quarantined_by_reason") or {}
    if kind == "poll":
        requests, failed = int(counts.get("requests", 0)), int(counts.get("failed_requests", 0))
        if requests and failed == requests:
            detail = describe_counts(counts.get("failed_by_reason") or {})
            return (
                f"poll {run_id} fetched nothing: all {requests} requests failed ({detail}); "
                f"see {FETCH_LOG} WHERE run_id = '{run_id}'"
            )
        if read == 0 and quarantined:
            return (
                f"poll {run_id} got no article: all {quarantined} fetched pages were quarantined "
                f"({describe_counts(by_reason)}); see {QUARANTINE}"
            )
        return None
    if read == 0:
        what = f"all {quarantined} input records were quarantined" if quarantined else "the inputs hold no record"
        detail = f" ({describe_counts(by_reason)})" if by_reason else ""
        return f"run {run_id} read no usable article: {what}{detail}; see {QUARANTINE}"
    return None


def problems_line(counts: Mapping[str, Any]) -> str | None:
    """One line naming the run's quarantined records and failed requests by reason, with where to look; None if none."""
    parts = []
    if counts.get("quarantined"):
        by_reason = describe_counts(counts.get("quarantined_by_reason") or {})
        parts.append(f"quarantined {counts['quarantined']} ({by_reason}; see {QUARANTINE})")
    if counts.get("failed_requests"):
        by_reason = describe_counts(counts.get("failed_by_reason") or {})
        parts.append(f"failed requests {counts['failed_requests']} ({by_reason}; see {FETCH_LOG})")
    return "; ".join(parts) or None
