"""Every SQL block of docs/cookbook.md runs on real warehouses; known answers on the seeds are checked."""

from __future__ import annotations

import re
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from dashboard.queries import query_names, query_text
from tests.conftest import ROOT, SEED_000, SEED_001
from warehouse.connection import connect_reader

COOKBOOK = ROOT / "docs" / "cookbook.md"
_BLOCK = re.compile(r"^### (.+?)\n(?:(?!^### ).)*?```sql\n(.*?)```", re.S | re.M)
_PARAM = re.compile(r"\$([a-z_]+)")


def cookbook_blocks() -> dict[str, str]:
    """Heading -> SQL of every fenced ``sql`` block (one block per heading)."""
    text = COOKBOOK.read_text(encoding="utf-8")
    blocks = {heading.strip(): sql for heading, sql in _BLOCK.findall(text)}
    assert len(blocks) == text.count("```sql"), "every sql block needs its own ### heading"
    return blocks


def _params(db: Path) -> dict[str, Any]:
    """Values for the cookbook's placeholders, taken from the warehouse itself."""
    with closing(connect_reader(db)) as con:
        story = con.execute("SELECT story_id FROM lineage.stories WHERE root_article_id = ?", [SEED_001]).fetchone()
        run = con.execute("SELECT max(run_id) FROM lineage.runs").fetchone()
    assert story is not None and run is not None
    return {
        "story_id": story[0],
        "article_id": SEED_000,
        "outlet": "unknown",
        "run_id": run[0],
        "limit": 20,
        "date_from": None,
        "date_to": None,
        "outlets": [],
        "wire": None,
        "relations": [],
        "text": None,
    }


def run_all(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    values = _params(db)
    results = {}
    with closing(connect_reader(db)) as con:
        for heading, sql in cookbook_blocks().items():
            params = {name: values[name] for name in _PARAM.findall(sql)}
            results[heading] = [
                tuple(r.values()) for r in con.sql(sql, params=params or None).to_arrow_table().to_pylist()
            ]
    return results


def test_cookbook_holds_every_dashboard_query() -> None:
    text = COOKBOOK.read_text(encoding="utf-8")
    for name in query_names():
        assert f"```sql\n{query_text(name).strip()}\n```" in text, f"dashboard/sql/{name}.sql is not in the cookbook"


def test_cookbook_queries_on_the_seeds(seeds_warehouse: Path) -> None:
    results = run_all(seeds_warehouse)
    assert len(results) >= 25
    assert results["Which outlets republish Reuters verbatim"] == []  # 000 rewrites, nothing is verbatim
    assert results["Which outlets carry Reuters stories, and how"] == [("unknown", "rewrite", 2)]
    story_id, _, wire, n_articles, n_rewrite, *_ = results["Stories with the most rewrites"][0]
    assert (wire, n_articles, n_rewrite) == ("Reuters", 2, 2)
    root = results["Where a story started: its root article and cited wire"]
    assert [(r[0], r[1], r[3]) for r in root] == [(story_id, SEED_001, "Reuters")]
    chain = results["One article's chain of primary parents, up to the cited wire"]
    assert [(r[1], r[2]) for r in chain] == [(SEED_000, SEED_001), (SEED_001, "Reuters")]
    quotes = dict(results["The quotes most shared between an article and its parent"])
    assert quotes["a truce is a path to nowhere"] == 1 and len(quotes) == 4
    assert results["Median pickup latency per outlet"] == []  # 000 has no date
    assert results["`story_members.sql`"][0][0] == SEED_001


@pytest.mark.slow
def test_cookbook_queries_on_a_synthetic_warehouse(synthetic_warehouse: Path) -> None:
    results = run_all(synthetic_warehouse)
    latency = results["Median pickup latency per outlet"]
    assert latency and all(r[2] >= 0 for r in latency)
    assert results["Outlets that copy other outlets rather than a wire"]
    assert max(r[1] for r in results["How deep rewrites go"]) >= 2
