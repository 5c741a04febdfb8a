"""Text decoding: cp1252, mixed and mis-encoded files, byte-order marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.ingest.helpers import (
    DATA_DIR,
    articles,
    write,
)
from wiretrace.ingest import read_inputs


def cp1252_sample() -> Path:
    directory = DATA_DIR / "clough-stevenson"
    if not directory.is_dir():
        pytest.skip(f"{directory} not available")
    for path in sorted(directory.glob("*.txt")):
        data = path.read_bytes()
        if any(b >= 0x80 for b in data):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                return path
    pytest.skip("no cp1252 file in the data set")


def test_cp1252_file_decodes_without_replacement_chars(tmp_path: Path) -> None:
    source = cp1252_sample()
    row = articles(read_inputs([source]))[source.stem]
    expected = source.read_bytes().decode("cp1252").strip()
    assert "\ufffd" not in row["text"]
    assert row["text"] == expected


def test_mixed_and_misencoded_text_is_repaired(tmp_path: Path) -> None:
    mixed = write(tmp_path / "mixed.txt", "It’s UTF-8 and ".encode() + b"it\x92s cp1252.")
    c1 = write(tmp_path / "c1.txt", "\u0091Greedy\u0092 algorithm".encode())
    bom = write(tmp_path / "bom.txt", b"\xef\xbb\xbfCaf\xc3\xa9")
    rows = articles(read_inputs([mixed, c1, bom]))
    assert rows["mixed"]["text"] == "It’s UTF-8 and it’s cp1252."
    assert rows["c1"]["text"] == "‘Greedy’ algorithm"
    assert rows["bom"]["text"] == "Café"


def test_all_clough_stevenson_texts_decode_sensibly() -> None:
    directory = DATA_DIR / "clough-stevenson"
    if not directory.is_dir():
        pytest.skip(f"{directory} not available")
    result = read_inputs(sorted(directory.glob("*.txt")))
    assert result.rejects.num_rows == 0
    for text in result.articles.column("text").to_pylist():
        assert "\ufffd" not in text
        assert "â€" not in text
        assert not any("\x80" <= ch <= "\x9f" for ch in text)
