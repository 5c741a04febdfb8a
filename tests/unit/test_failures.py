"""What "nothing usable" means, and how failure reasons are counted (wiretrace/failures.py)."""

from __future__ import annotations

from wiretrace.failures import count_by_kind, nothing_usable, problems_line, reason_kind


def test_reason_kinds_drop_particulars_but_keep_the_cause() -> None:
    assert reason_kind("HTTP 404 Not Found") == "HTTP 404"
    assert reason_kind("HTTP 503 Service Unavailable (after 3 attempts)") == "HTTP 503"
    assert reason_kind("connection failed (ConnectError: [Errno 111] Connection refused)") == (
        "connection failed (ConnectError)"
    )
    assert reason_kind("published_at '2999-01-01' is not a valid date") == "published_at … is not a valid date"
    assert reason_kind("page https://x.test/a has content type text/plain, not HTML") == (
        "page <url> has content type text/plain, not HTML"
    )
    assert reason_kind(None) == "unknown"
    assert len(reason_kind("x" * 500)) == 60


def test_counts_by_kind_are_most_frequent_first() -> None:
    reasons = ["HTTP 404 Not Found", "timed out (ReadTimeout)", "HTTP 404 Not Found", "empty text"]
    assert list(count_by_kind(reasons).items()) == [("HTTP 404", 2), ("empty text", 1), ("timed out (ReadTimeout)", 1)]


def test_nothing_usable_for_runs() -> None:
    assert nothing_usable("run", "r-1", {"articles_read": 0, "quarantined": 2, "quarantined_by_reason": {"x": 2}})
    # Already stored articles are usable: a re-run is never a failure.
    assert nothing_usable("run", "r-1", {"articles_read": 5, "already_stored": 5}) is None
    assert nothing_usable("run", "r-1", {"articles_read": 1, "quarantined": 9}) is None


def test_nothing_usable_for_polls() -> None:
    every_request = {"requests": 2, "failed_requests": 2, "failed_by_reason": {"HTTP 404": 2}}
    message = nothing_usable("poll", "r-2", every_request)
    assert message == (
        "poll r-2 fetched nothing: all 2 requests failed (HTTP 404 2); see lineage.fetch_log WHERE run_id = 'r-2'"
    )
    some = {"requests": 3, "failed_requests": 2, "articles_read": 0}
    assert nothing_usable("poll", "r-2", some) is None  # one request succeeded (an unchanged feed)
    pages = {"requests": 2, "failed_requests": 0, "articles_read": 0, "quarantined": 1}
    assert "all 1 fetched pages were quarantined" in str(nothing_usable("poll", "r-2", pages))
    assert nothing_usable("poll", "r-2", {"requests": 0}) is None  # no feeds


def test_problems_line_names_reasons_and_tables() -> None:
    counts = {"quarantined": 1, "quarantined_by_reason": {"empty text": 1}, "failed_requests": 0}
    assert problems_line(counts) == "quarantined 1 (empty text 1; see lineage.quarantine)"
    assert problems_line({"quarantined": 0}) is None
