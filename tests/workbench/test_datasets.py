"""The Clough–Stevenson protocol: dated copies read back as the originals, sources first."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import data_dir
from wiretrace.ingest import read_inputs
from workbench.datasets import clough_stevenson, dated_copies

CLOUGH = data_dir() / "clough-stevenson"


def test_dated_copies_keep_text_and_date_sources_before_answers(tmp_path: Path) -> None:
    if not (CLOUGH / "file_information.csv").exists():
        pytest.skip(f"labelled corpus not found at {CLOUGH} (set WIRETRACE_DATA_DIR)")
    corpus = clough_stevenson(CLOUGH)
    original = {r["article_id"]: r for r in read_inputs(corpus.inputs).articles.to_pylist()}
    dated = read_inputs(dated_copies(corpus, tmp_path))
    assert dated.rejects.num_rows == 0
    rows = {r["article_id"]: r for r in dated.articles.to_pylist()}
    assert rows.keys() == original.keys() == corpus.category.keys()
    for article_id, row in rows.items():
        assert row["text"] == original[article_id]["text"], article_id
        day = 1 if corpus.category[article_id] == "orig" else 2
        assert row["published_at"] == datetime(2010, 1, day, tzinfo=UTC), article_id
    assert sum(1 for c in corpus.category.values() if c == "orig") == 5


def test_a_labelled_news_line_without_a_required_field_is_named(tmp_path: Path) -> None:
    from wiretrace.errors import InputError
    from workbench.datasets import news_articles

    path = tmp_path / "labels.jsonl"
    path.write_text('{"id": "a#01", "lang": "en", "story": "s", "text": "t"}\n{"id": "a#02", "lang": "en"}\n', "utf-8")
    with pytest.raises(InputError, match=r"labels.jsonl line 2: not a labelled article \(KeyError: 'story'\)"):
        news_articles(path)
    path.write_text("\n", "utf-8")
    with pytest.raises(InputError, match="no labelled articles"):
        news_articles(path)
