"""A run that reads and signs its input in batches stores what a run that does it at once stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tasks.sign
from flows.run import wiretrace_run
from tests.e2e.states import snapshot, sorted_rows
from wiretrace.errors import InputError
from workbench.synth import generate_corpus, write_jsonl

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

TABLES = {
    "wt.articles": "article_id, outlet, published_at, lang, clean_text, byline, dateline, content_hash, record_ref",
    "wt.attributions": "article_id, source, kind, phrase",
    "wt.quarantine": "record_ref, reason",
    "wt.pairs": "a, b, relation, strength, aligned, shared_quotes",
    "lineage.edges": "article_id, parent_article_id, parent_source, relation, confidence, is_primary, evidence",
    "lineage.stories": "story_id, root_article_id, wire_source, headline",
}


def test_batched_run_equals_one_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus.jsonl"
    articles = generate_corpus(60, seed=41).articles
    write_jsonl(articles, corpus)
    first = articles[0].record()
    with corpus.open("a", encoding="utf-8") as handle:  # the last batch: a repeat, a changed repeat, a bad record
        for record in (first, {**first, "text": first["text"] + " Updated."}, {"id": "no-text"}):
            handle.write(json.dumps(record) + "\n")
    records = len(articles) + 3
    assert records > 4 * 37

    one = wiretrace_run(paths=[str(corpus)], db=str(tmp_path / "one.duckdb"))
    monkeypatch.setattr(tasks.sign, "CHUNK", 37)  # signatures stored in several chunks too
    batched = wiretrace_run(paths=[str(corpus)], db=str(tmp_path / "batched.duckdb"), batch_size=records // 4)

    counts = ("articles_read", "new_articles", "already_stored", "quarantined", "candidate_pairs", "verified_pairs")
    assert {k: batched[k] for k in counts} == {k: one[k] for k in counts}
    assert one["quarantined"] == 2 and one["new_articles"] == len(articles)
    stored_one, stored_batched = (
        sorted_rows(tmp_path / "one.duckdb", TABLES),
        sorted_rows(tmp_path / "batched.duckdb", TABLES),
    )
    assert len(stored_one["wt.pairs"]) > 50
    assert stored_batched == stored_one


def test_an_unreadable_input_after_stored_batches_leaves_the_warehouse_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    first = tmp_path / "first.jsonl"
    write_jsonl(generate_corpus(3, seed=5).articles, first)
    wiretrace_run(paths=[str(first)], db=str(db))
    before, before_bytes = snapshot(db), db.read_bytes()

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_jsonl(generate_corpus(3, seed=6).articles, inbox / "a-good.jsonl")
    (inbox / "z-broken.json").write_text('[{"id": "x", "text": "cut off', encoding="utf-8")
    with pytest.raises(InputError, match=r"z-broken\.json.*not valid JSON"):
        wiretrace_run(paths=[str(inbox)], db=str(db), batch_size=2)  # good batches are stored first, then discarded
    assert db.read_bytes() == before_bytes and snapshot(db) == before
    assert not list(tmp_path.glob("w.duckdb.run-*"))
