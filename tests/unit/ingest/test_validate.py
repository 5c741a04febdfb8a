"""Validation of records: fields and aliases, dates and the date token, .txt headlines, limits, bad values."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.unit.ingest.helpers import (
    BODY,
    SEED,
    articles,
    jsonl,
    rejects,
    utc,
    write,
)
from wiretrace.ingest import read_inputs
from wiretrace.schemas import RAW_ARTICLE, REJECT


def test_jsonl_records_fields_and_schemas(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "feed.jsonl",
        {
            "id": " a1 ",
            "url": "https://www.Example.com/a1",
            "title": "T1",
            "published_at": "2024-03-01T10:00:00+02:00",
            "text": BODY,
            "lang": "EN",
        },
        {
            "id": 42,
            "outlet": "Daily Planet",
            "date": "2024-03-02",
            "body": "Second story text.",
            "lang": "en-GB",
        },
    )
    result = read_inputs([path])

    assert result.articles.schema == RAW_ARTICLE
    assert result.rejects.schema == REJECT
    assert result.rejects.num_rows == 0
    rows = articles(result)
    assert list(rows) == ["a1", "42"]
    first, second = rows["a1"], rows["42"]
    assert first["outlet"] == "example.com"
    assert first["published_at"] == utc(2024, 3, 1, 8)
    assert first["lang"] == "en"
    assert first["text"] == BODY
    assert (first["source_file"], first["record_ref"]) == (str(path), "line 1")
    assert second["outlet"] == "Daily Planet"
    assert second["published_at"] == utc(2024, 3, 2)
    assert second["text"] == "Second story text."
    assert second["lang"] == "en"
    assert second["url"] is None and second["title"] is None


def test_txt_date_token_is_publication_date_and_removed(tmp_path: Path) -> None:
    path = tmp_path / SEED.name
    shutil.copy(SEED, path)
    result = read_inputs([path])

    row = articles(result)["001_0a60103a4232d51d"]
    assert row["published_at"] == utc(2024, 12, 26)
    assert row["record_ref"] == "file"
    assert row["text"].startswith("Moscow will work with President-elect Donald Trump’s")
    assert "date 2024-12-26" not in row["text"]


def test_txt_without_token_keeps_text_and_has_no_date(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.txt", "The date was not given here.\n")
    row = articles(read_inputs([path]))["plain"]
    assert row["published_at"] is None
    assert row["text"] == "The date was not given here."


def test_a_txt_headline_alone_on_the_first_line_is_the_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2024-12-26 Russia demands US move first\n\nMoscow said on Thursday.", "utf-8")
    (tmp_path / "b.txt").write_text("Moscow said on Thursday it was ready.\n\nTalks follow.", "utf-8")
    (tmp_path / "c.txt").write_text("A first line that runs on\nwith no blank line after it.", "utf-8")
    rows = {r["article_id"]: r for r in read_inputs([tmp_path]).articles.to_pylist()}
    assert rows["a"]["title"] == "Russia demands US move first"
    assert rows["a"]["text"].startswith("Russia demands US move first")  # the text keeps it
    assert rows["b"]["title"] is None and rows["c"]["title"] is None


def test_missing_and_empty_text(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "t.jsonl",
        {"id": "e1", "text": "   "},
        {"id": "e2", "title": "No body at all"},
        {"id": "e3", "text": None, "html": ""},
    )
    empty_txt = write(tmp_path / "blank.txt", " \n\n")
    result = read_inputs([path, empty_txt])
    assert result.articles.num_rows == 0
    assert rejects(result) == [
        ("line 1", "empty text"),
        ("line 2", "no text or html field"),
        ("line 3", "empty text"),
        ("file", "empty text"),
    ]


def test_binary_garbage_is_rejected(tmp_path: Path) -> None:
    garbage = bytes(range(256)) * 8
    txt = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + garbage)
    feed = jsonl(
        tmp_path / "b.jsonl",
        {"id": "nul", "text": "text with a \x00 NUL byte"},
        {"id": "ctl", "text": "\x01\x02\x03\x04 abc"},
        {"id": "fine", "text": "Tabs\tand\nnewlines are fine."},
    )
    result = read_inputs([txt, feed])
    assert list(articles(result)) == ["fine"]
    assert [(ref, reason) for ref, reason in rejects(result)] == [
        ("file", "binary or non-text content"),
        ("line 1", "binary or non-text content"),
        ("line 2", "binary or non-text content"),
    ]
    payload = result.rejects.column("payload")[0].as_py()
    assert payload is not None and len(payload) <= 2000 and "\x00" not in payload


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2024-02-30", "published_at '2024-02-30' is not a valid date"),
        ("2024-13-45", "published_at '2024-13-45' is not a valid date"),
        ("yesterday", "published_at 'yesterday' is not a valid date"),
        (1700000000, "published_at '1700000000' is not a valid date"),
        ("1850-06-01", "published_at '1850-06-01' is before 1900"),
        ("2999-01-01T00:00:00Z", "published_at '2999-01-01T00:00:00Z' is more than 2 days in the future"),
    ],
)
def test_bad_dates_are_rejected(tmp_path: Path, value: object, reason: str) -> None:
    path = jsonl(tmp_path / "d.jsonl", {"id": "ok", "text": "fine"}, {"id": "d", "text": "x", "date": value})
    result = read_inputs([path])
    assert list(articles(result)) == ["ok"]
    assert rejects(result) == [("line 2", reason)]


def test_date_formats_accepted(tmp_path: Path) -> None:
    soon = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    path = jsonl(
        tmp_path / "d.jsonl",
        {"id": "iso-z", "text": "a", "published_at": "2024-01-01T10:00:00Z"},
        {"id": "space", "text": "b", "published_at": "2024-01-01 10:00"},
        {"id": "rfc", "text": "c", "published_at": "Mon, 01 Jan 2024 12:00:00 +0200"},
        {"id": "date", "text": "d", "published_at": "2024-01-01"},
        {"id": "soon", "text": "e", "published_at": soon.isoformat()},
        {"id": "blank", "text": "f", "published_at": ""},
    )
    rows = articles(read_inputs([path]))
    assert rows["iso-z"]["published_at"] == utc(2024, 1, 1, 10)
    assert rows["space"]["published_at"] == utc(2024, 1, 1, 10)
    assert rows["rfc"]["published_at"] == utc(2024, 1, 1, 10)
    assert rows["date"]["published_at"] == utc(2024, 1, 1)
    assert rows["soon"]["published_at"] == soon
    assert rows["blank"]["published_at"] is None


def test_text_too_long(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "big.jsonl", {"id": "big", "text": "a" * 5_000_001})
    result = read_inputs([path])
    assert result.articles.num_rows == 0
    assert rejects(result) == [("line 1", "text too long (5000001 characters, limit 5000000)")]
    assert len(result.rejects.column("payload")[0].as_py()) == 2000


def test_non_string_text_is_rejected(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "t.jsonl", {"id": "n", "text": ["a", "list"]})
    assert rejects(read_inputs([path])) == [("line 1", "text must be a string, got an array")]


def test_odd_field_values(tmp_path: Path) -> None:
    path = write(
        tmp_path / "odd.ndjson",
        '{"id": "s1", "text": "lone \\ud800 surrogate", "source": {"id": null, "name": "Reuters"}}\n'
        '{"id": "s2", "text": "fine", "lang": "english", "url": "example.net/x"}\n',
    )
    rows = articles(read_inputs([path]))
    assert rows["s1"]["text"] == "lone \ufffd surrogate"
    assert rows["s1"]["outlet"] == "Reuters"
    assert rows["s2"]["lang"] is None
    assert rows["s2"]["outlet"] == "example.net"
