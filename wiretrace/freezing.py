"""Which articles leave the hot part of the warehouse: whole components of the pair graph, by month.

A run pairs its new articles only with articles dated within the candidate window of them, or
undated. So a component of the verified-pair graph (every story lies inside one) whose articles
are all dated before the hot span can change only if a later run reaches back to those dates,
which thaws it first. Components are frozen by the month of their newest article, a month only
once it has wholly ended before ``cutoff``; a component holding an undated article never is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from wiretrace.disjoint import find_root

#: The hot part keeps at least this many days before the newest article (whole months are frozen):
#: twice the default candidate window, so a run of current news never reaches a part.
DEFAULT_HOT_DAYS = 30


def month_of(when: datetime) -> str:
    """``YYYY-MM`` of a date."""
    return f"{when.year:04d}-{when.month:02d}"


def next_month_start(when: datetime) -> datetime:
    """The first instant of the month after ``when`` (same time zone)."""
    year, month = (when.year + 1, 1) if when.month == 12 else (when.year, when.month + 1)
    return when.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0)


def frozen_months(
    published_at: Mapping[str, datetime | None], pairs: Iterable[tuple[str, str]], cutoff: datetime
) -> dict[str, str]:
    """Map each article to freeze to its part's month (``YYYY-MM``).

    ``published_at`` holds every hot article (None: undated); ``pairs`` every hot verified pair.
    Invariant: the result is a union of whole components, each of dated articles only, whose newest
    article's month ends at or before ``cutoff``.
    """
    parent = {a: a for a in published_at}

    for a, b in pairs:
        if a in parent and b in parent:
            ra, rb = find_root(parent, a), find_root(parent, b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    newest: dict[str, datetime | None] = {}
    undated: set[str] = set()
    for article, when in published_at.items():
        root = find_root(parent, article)
        if when is None:
            undated.add(root)
            continue
        seen = newest.get(root)
        newest[root] = when if seen is None or when > seen else seen
    months: dict[str, str] = {}
    for article in published_at:
        root = find_root(parent, article)
        last = newest.get(root)
        if root in undated or last is None or next_month_start(last) > cutoff:
            continue
        months[article] = month_of(last)
    return months
