"""Work split across processes gives the warehouse that one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

import tasks.lineage
import tasks.verify
from flows.run import wiretrace_run
from tests.e2e.states import sorted_rows
from workbench.synth import generate_corpus, write_jsonl

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

TABLES = {
    "wt.pairs": "a, b, relation, strength, aligned, shared_quotes",
    "lineage.edges": "article_id, parent_article_id, parent_source, relation, confidence, is_primary, evidence",
    "lineage.stories": "story_id, root_article_id, wire_source, headline",
}


def test_verification_and_lineage_on_process_pools_equal_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(generate_corpus(60, seed=31).articles, corpus)
    monkeypatch.setattr(tasks.verify, "PARALLEL_MIN_PAIRS", 10**9)
    monkeypatch.setattr(tasks.lineage, "PARALLEL_MIN_STORIES", 10**9)
    wiretrace_run(paths=[str(corpus)], db=str(tmp_path / "one.duckdb"))
    monkeypatch.setattr(tasks.verify, "PARALLEL_MIN_PAIRS", 1)
    monkeypatch.setattr(tasks.verify, "SEGMENT_MAX_PAIRS", 25)  # many segments, most articles read twice
    monkeypatch.setattr(tasks.lineage, "PARALLEL_MIN_STORIES", 1)
    monkeypatch.setattr(tasks.lineage, "STORIES_PER_BATCH", 7)  # several batches in flight
    monkeypatch.setattr(tasks.verify, "worker_count", lambda: 2)
    monkeypatch.setattr(tasks.lineage, "worker_count", lambda: 2)
    wiretrace_run(paths=[str(corpus)], db=str(tmp_path / "pool.duckdb"))

    one, pool = sorted_rows(tmp_path / "one.duckdb", TABLES), sorted_rows(tmp_path / "pool.duckdb", TABLES)
    assert len(one["wt.pairs"]) > 50
    assert len(one["lineage.stories"]) > 3 * 7
    assert pool == one
