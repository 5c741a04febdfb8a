"""Shared inputs and helpers of the ingest tests: files written in the test, results as plain values."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wiretrace.ingest import IngestResult

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "seeds" / "001_0a60103a4232d51d.txt"
DATA_DIR = Path(os.environ.get("WIRETRACE_DATA_DIR") or REPO.parent / "shared" / "data")

BODY = (
    "A strong earthquake struck the northern coast on Friday, officials said, damaging buildings "
    "and cutting power to thousands of homes across the region."
)
ARTICLE_HTML = f"""<!doctype html>
<html><head><title>Quake hits coast | Example News</title>
<link rel="canonical" href="https://www.example.com/news/quake"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Quake hits coast</h1><p>{BODY}</p>
<p>Rescue teams were sent to the worst-hit towns, and the national weather service warned of
aftershocks over the coming days.</p></article>
<footer>Copyright Example News</footer></body></html>
"""
EMPTY_HTML = "<html><head><title>App</title></head><body><div id='app'></div></body></html>"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def jsonl(path: Path, *records: Any) -> Path:
    return write(path, "".join(json.dumps(r) + "\n" for r in records))


def articles(result: IngestResult) -> dict[str, dict[str, Any]]:
    return {row["article_id"]: row for row in result.articles.to_pylist()}


def rejects(result: IngestResult) -> list[tuple[str, str]]:
    return [(row["record_ref"], row["reason"]) for row in result.rejects.to_pylist()]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
