"""Discovery of input files, and the input errors of bad paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.ingest.helpers import (
    write,
)
from wiretrace.errors import InputError
from wiretrace.ingest import discover_inputs, read_inputs


def test_missing_path_is_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(InputError, match="no such file or directory") as caught:
        read_inputs([missing])
    assert str(missing) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_unsupported_extension_is_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.xml", "<rss/>")
    with pytest.raises(InputError, match=r"unsupported file type '\.xml'"):
        read_inputs([path])


def test_directory_without_supported_files_is_input_error(tmp_path: Path) -> None:
    write(tmp_path / "empty" / "notes.md", "hello")
    with pytest.raises(InputError, match="no supported input files"):
        discover_inputs([tmp_path / "empty"])


def test_discover_inputs_recursive_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ["b.jsonl", "a/z.txt", "a/y.HTML", "c.csv.gz", ".hidden.jsonl", ".git/x.json", "notes.md"]:
        write(root / name, "x")
    extra = write(tmp_path / "extra.json", "{}")
    found = discover_inputs([root, extra, root / "b.jsonl"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "in/a/y.HTML",
        "in/a/z.txt",
        "in/b.jsonl",
        "in/c.csv.gz",
        "extra.json",
    ]
