"""Health: is wiretrace running unattended as it should? Last successes, intake, failures by reason, bad runs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import altair as alt
import streamlit as st

from dashboard.queries import first_row
from dashboard.ui import query
from wiretrace.failures import FETCH_LOG, QUARANTINE, reason_kind


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "never"


def _by_kind(rows: list[dict[str, Any]], count: str) -> list[dict[str, Any]]:
    """Rows of (reason, count, last_seen) merged by reason kind, most frequent first."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        kind = reason_kind(row["reason"])
        item = merged.setdefault(kind, {"reason": kind, count: 0, "last_seen": row["last_seen"]})
        item[count] += row[count]
        item["last_seen"] = max(item["last_seen"], row["last_seen"])
    return sorted(merged.values(), key=lambda r: (-r[count], r["reason"]))


st.title("Health")
summary = first_row(query("health_summary")) or {}
cols = st.columns(5)
cols[0].metric("last successful run", _when(summary.get("last_run")))
cols[1].metric("last successful poll", _when(summary.get("last_poll")))
cols[2].metric("failed runs (7 days)", summary.get("failed_7d", 0))
cols[3].metric("crashed runs (7 days)", summary.get("crashed_7d", 0))
cols[4].metric("runs marked running", summary.get("running", 0))
st.caption(f"last maintenance: {_when(summary.get('last_maintain'))}. Times are when a run finished.")

st.subheader("Articles per hour (last 48 hours)")
per_hour = query("health_articles_per_hour")
if per_hour.num_rows:
    chart = (
        alt.Chart(
            alt.Data(values=[{"hour": r["hour"].isoformat(), "articles": r["articles"]} for r in per_hour.to_pylist()])
        )
        .mark_bar()
        .encode(x=alt.X("hour:T", title="hour (UTC)"), y=alt.Y("articles:Q", title="articles"))
    )
    st.altair_chart(chart, width="stretch")
else:
    st.warning("No article stored in the last 48 hours.")

for column, (title, name, unit, where, none) in zip(
    st.columns(2),
    (
        (
            "Fetch failures by reason (7 days)",
            "health_fetch_failures",
            "requests",
            f"Each request, with its full reason: `{FETCH_LOG}`.",
            "No failed request.",
        ),
        (
            "Quarantine by reason (7 days)",
            "health_quarantine",
            "records",
            f"Each record, with its file and full reason: `{QUARANTINE}`.",
            "No quarantined record.",
        ),
    ),
    strict=True,
):
    with column:
        st.subheader(title)
        rows = _by_kind(query(name).to_pylist(), unit)
        if rows:
            st.dataframe(rows, hide_index=True, width="stretch")
            st.caption(where)
        else:
            st.success(none)

st.subheader("Failed and crashed runs")
bad = query("health_bad_runs", limit=50)
if bad.num_rows:
    st.dataframe(bad.to_pylist(), hide_index=True, width="stretch")
else:
    st.success("No failed or crashed run.")
