"""The run report: a short markdown summary of one run and its largest new or grown stories."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wiretrace.failures import FETCH_LOG, QUARANTINE

#: Columns of the stories table, in order.
STORY_COLUMNS = ("story_id", "status", "n_articles", "added", "n_outlets", "wire_source", "root_article_id", "headline")


def run_summary_markdown(summary: Mapping[str, Any], counts: Mapping[str, Any]) -> str:
    """Markdown for one run: ``summary`` is a ``run_report_summary.sql`` row, ``counts`` the run's counts."""
    lines = [
        f"# wiretrace run `{summary['run_id']}`",
        "",
        "| | |",
        "|---|---:|",
        f"| articles in | {counts.get('articles_read', 0)} |",
        f"| new articles | {counts.get('new_articles', 0)} |",
        f"| already stored | {counts.get('already_stored', 0)} |",
        f"| quarantined | {counts.get('quarantined', 0)} |",
        f"| new stories | {summary['new_stories']} |",
        f"| grown stories | {summary['grown_stories']} |",
        f"| candidate pairs / verified | {counts.get('candidate_pairs', 0)} / {counts.get('verified_pairs', 0)} |",
        "",
        f"Warehouse after the run: {counts.get('total_articles', 0)} articles in {counts.get('total_stories', 0)} "
        f"stories, {counts.get('total_primary_edges', 0)} primary lineage edges, "
        f"{counts.get('total_quarantined', 0)} quarantined records.",
    ]
    if summary.get("status") == "failed":
        lines[1:1] = ["", f"**Failed:** {summary.get('error') or 'no reason recorded'}"]
    if counts.get("quarantined"):
        lines += _by_reason("Quarantined records by reason", counts.get("quarantined_by_reason") or {}, QUARANTINE)
    if counts.get("failed_requests"):
        lines += _by_reason("Failed requests by reason", counts.get("failed_by_reason") or {}, FETCH_LOG)
    return "\n".join(lines) + "\n"


def _by_reason(title: str, counts: Mapping[str, int], table: str) -> list[str]:
    rows = [f"| {kind.replace('|', '/')} | {n} |" for kind, n in counts.items()]
    return ["", f"{title} (rows in `{table}`):", "", "| reason | records |", "|---|---:|", *rows]


def stories_table(rows: Sequence[Mapping[str, Any]], headline_chars: int = 80) -> list[dict[str, Any]]:
    """Rows of ``run_report_stories.sql`` for a table artifact: plain values, headlines shortened."""
    table = []
    for row in rows:
        item = {c: row[c] for c in STORY_COLUMNS}
        headline = item["headline"] or ""
        item["headline"] = headline if len(headline) <= headline_chars else headline[: headline_chars - 1] + "…"
        item["wire_source"] = item["wire_source"] or ""
        table.append(item)
    return table
