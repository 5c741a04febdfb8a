"""Incremental runs: adding articles in several runs gives the stories of one run over all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.run import wiretrace_run
from warehouse.connection import connect_reader
from workbench.synth import generate_corpus, write_jsonl

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]


def _partition(db: Path) -> tuple[set[frozenset[str]], dict[str, str]]:
    con = connect_reader(db)
    try:
        story_of = dict(con.execute("SELECT article_id, story_id FROM lineage.articles").fetchall())
    finally:
        con.close()
    groups: dict[str, set[str]] = {}
    for article_id, story_id in story_of.items():
        groups.setdefault(story_id, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}, story_of


def test_two_runs_equal_one_run_and_story_ids_survive(tmp_path: Path) -> None:
    corpus = generate_corpus(40, seed=23)
    articles = corpus.articles
    # Every other article goes into the second run, so stories grow and merge across runs.
    first, second = articles[::2], articles[1::2]
    write_jsonl(first, tmp_path / "first.jsonl")
    write_jsonl(second, tmp_path / "second.jsonl")
    write_jsonl(articles, tmp_path / "all.jsonl")

    wiretrace_run(paths=[str(tmp_path / "all.jsonl")], db=str(tmp_path / "once.duckdb"))
    wiretrace_run(paths=[str(tmp_path / "first.jsonl")], db=str(tmp_path / "twice.duckdb"))
    _, after_first = _partition(tmp_path / "twice.duckdb")
    wiretrace_run(paths=[str(tmp_path / "second.jsonl")], db=str(tmp_path / "twice.duckdb"))

    once, _ = _partition(tmp_path / "once.duckdb")
    twice, after_second = _partition(tmp_path / "twice.duckdb")
    assert twice == once
    assert any(len(group) > 2 for group in once)
    # A story of the first run keeps its id, or was merged into an older story and logged.
    con = connect_reader(tmp_path / "twice.duckdb")
    try:
        merged = {m for (m,) in con.execute("SELECT merged FROM wt.story_merges").fetchall()}
    finally:
        con.close()
    for article_id, story_id in after_first.items():
        assert after_second[article_id] == story_id or story_id in merged


def test_articles_signed_with_other_parameters_are_signed_again_and_still_pair(tmp_path: Path) -> None:
    """A warehouse signed before the signature parameters changed (here: its signatures moved to
    another params id) is not silently cut off: the next run signs the old articles again, so
    new articles pair with them and the stories of one run come back."""
    import duckdb

    articles = generate_corpus(40, seed=23).articles
    first, second = articles[::2], articles[1::2]
    write_jsonl(first, tmp_path / "first.jsonl")
    write_jsonl(second, tmp_path / "second.jsonl")
    write_jsonl(articles, tmp_path / "all.jsonl")
    wiretrace_run(paths=[str(tmp_path / "all.jsonl")], db=str(tmp_path / "once.duckdb"))
    upgraded = tmp_path / "upgraded.duckdb"
    wiretrace_run(paths=[str(tmp_path / "first.jsonl")], db=str(upgraded))
    con = duckdb.connect(str(upgraded))
    con.execute("UPDATE wt.signatures SET params_id = 'older-params'")
    con.execute("UPDATE wt.band_keys SET params_id = 'older-params'")
    con.close()
    wiretrace_run(paths=[str(tmp_path / "second.jsonl")], db=str(upgraded))

    con = connect_reader(upgraded)
    try:
        unsigned = con.execute(
            "SELECT count(*) FROM wt.articles a ANTI JOIN "
            "(SELECT article_id FROM wt.signatures WHERE params_id <> 'older-params') USING (article_id)"
        ).fetchone()
    finally:
        con.close()
    assert unsigned == (0,)
    assert _partition(upgraded)[0] == _partition(tmp_path / "once.duckdb")[0]
