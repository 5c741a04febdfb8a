"""Reading end to end: duplicate ids across files and across batches."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from tests.unit.ingest.helpers import (
    articles,
    jsonl,
    rejects,
)
from wiretrace.ingest import read_input_batches, read_inputs


def test_duplicate_ids(tmp_path: Path) -> None:
    first = jsonl(tmp_path / "a.jsonl", {"id": "dup", "text": "original"}, {"id": "same", "text": "twin"})
    second = jsonl(
        tmp_path / "b.jsonl",
        {"id": "same", "text": "twin"},
        {"id": "dup", "text": "changed"},
    )
    result = read_inputs([first, second])
    rows = articles(result)
    assert list(rows) == ["dup", "same"]
    assert rows["dup"]["text"] == "original"
    assert rows["dup"]["source_file"] == str(first)
    assert rejects(result) == [
        ("line 2", f"duplicate id dup with different text (first seen in {first} line 1)"),
    ]
    assert result.rejects.column("source_file").to_pylist() == [str(second)]


@pytest.mark.parametrize("batch_size", [1, 2, 3, 100])
def test_batches_hold_what_one_read_holds(tmp_path: Path, batch_size: int) -> None:
    first = jsonl(
        tmp_path / "a.jsonl",
        {"id": "dup", "text": "original"},
        {"id": "same", "text": "twin"},
        {"id": "bad"},
        {"id": "late", "text": "kept"},
    )
    second = jsonl(
        tmp_path / "b.jsonl",
        {"id": "same", "text": "twin"},
        {"id": "dup", "text": "changed"},
        {"id": "other", "text": "also kept"},
    )
    whole = read_inputs([first, second])
    batches = list(read_input_batches([first, second], batch_size))
    assert len(batches) == -(-7 // batch_size)  # records per batch, usable or not
    assert pa.concat_tables(b.articles for b in batches).equals(whole.articles)
    assert pa.concat_tables(b.rejects for b in batches).equals(whole.rejects)
    assert [r[1] for r in rejects(whole)] == [
        "no text or html field",
        f"duplicate id dup with different text (first seen in {first} line 1)",
    ]
