"""The format readers and their registry: every format from real files, gzip damage, JSON Lines streaming."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.unit.ingest.helpers import (
    ARTICLE_HTML,
    BODY,
    articles,
    jsonl,
    rejects,
    utc,
    write,
)
from wiretrace.errors import InputError
from wiretrace.ingest import discover_inputs, read_inputs
from wiretrace.ingest.readers import READERS, reader_of
from wiretrace.ingest.readers import jsonl as jsonl_reader


def test_json_array_and_single_object(tmp_path: Path) -> None:
    array = write(
        tmp_path / "a.json",
        json.dumps([{"id": "x1", "text": "one"}, 7, {"id": "x2", "content": "two", "publisher": "P"}]),
    )
    single = write(tmp_path / "b.json", json.dumps({"id": "y1", "text": "three"}))
    result = read_inputs([array, single])

    rows = articles(result)
    assert list(rows) == ["x1", "x2", "y1"]
    assert [rows[i]["record_ref"] for i in rows] == ["index 0", "index 2", "file"]
    assert rows["x2"]["outlet"] == "P"
    assert rejects(result) == [("index 1", "record is a number, not an object")]
    assert result.rejects.column("payload").to_pylist() == ["7"]


def test_csv_rows_aliases_and_derived_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path / "rows.csv",
        "\ufeffID,url,Source,pubdate,body\n"
        '1,,Wire Co,2024-05-01 12:30,"First body, with a comma"\n'
        ',https://news.example.org/story/?utm_source=x,,"Fri, 03 May 2024 09:00:00 +0100",Second body\n'
        ",,,,Third body\n",
    )
    result = read_inputs([path])

    assert result.rejects.num_rows == 0
    rows = result.articles.to_pylist()
    assert [r["record_ref"] for r in rows] == ["row 1", "row 2", "row 3"]
    assert rows[0]["article_id"] == "1"
    assert rows[0]["outlet"] == "Wire Co"
    assert rows[0]["published_at"] == utc(2024, 5, 1, 12, 30)
    assert rows[0]["text"] == "First body, with a comma"
    # Derived from the normalised URL: no scheme, no tracking parameters, no trailing slash.
    expected = "u-" + hashlib.sha1(b"news.example.org/story").hexdigest()[:16]
    assert rows[1]["article_id"] == expected
    assert rows[1]["outlet"] == "news.example.org"
    assert rows[1]["published_at"] == utc(2024, 5, 3, 8)
    assert rows[2]["article_id"] == "c-" + hashlib.sha1(b"Third body").hexdigest()[:16]
    assert rows[2]["outlet"] == "unknown"


def test_parquet_rows_with_timestamp_column(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": ["p0", "p1"],
            "text": ["Parquet one", "Parquet two"],
            "published_at": pa.array([datetime(2024, 1, 2, 3, 4, 5), None], type=pa.timestamp("ns", tz="Europe/Paris")),
        }
    )
    path = tmp_path / "batch.parquet"
    pq.write_table(table, path)
    result = read_inputs([path])

    rows = articles(result)
    assert [rows[i]["record_ref"] for i in rows] == ["row 0", "row 1"]
    assert rows["p0"]["published_at"] == utc(2024, 1, 2, 3, 4, 5)
    assert rows["p1"]["published_at"] is None


def test_gzip_versions_are_read(tmp_path: Path) -> None:
    feed = write(tmp_path / "feed.jsonl.gz", gzip.compress(b'{"id": "g1", "text": "zipped"}\n'))
    txt = write(tmp_path / "note.txt.gz", gzip.compress(b"date 2024-06-01\nZipped note."))
    rows = articles(read_inputs([feed, txt]))
    assert rows["g1"]["text"] == "zipped"
    assert rows["note"]["text"] == "Zipped note."
    assert rows["note"]["published_at"] == utc(2024, 6, 1)


def test_invalid_json_line_is_rejected_and_others_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        '{"id": "ok1", "text": "first"}\n\n{"id": "broken", "text": \n{"id": "ok2", "text": "second"}\n[1, 2]\n',
    )
    result = read_inputs([path])

    assert list(articles(result)) == ["ok1", "ok2"]
    found = rejects(result)
    assert [ref for ref, _ in found] == ["line 3", "line 5"]
    assert found[0][1].startswith("invalid JSON")
    assert found[1][1] == "record is an array, not an object"
    assert result.rejects.column("payload")[0].as_py() == '{"id": "broken", "text": '
    assert set(result.rejects.column("source_file").to_pylist()) == {str(path)}


def _jsonl_variants(tmp_path: Path) -> dict[str, Path]:
    """JSON Lines files in every shape a reader meets: each must read the same line by line and whole."""
    lines = [
        '{"id": "u1", "text": "Plain \u201cUTF-8\u201d text, caf\u00e9."}',
        "",
        '{"id": "u2", "text": "second", "outlet": "Wire"}',
        '{"id": "broken", "text": ',
        "[1, 2]",
        '{"id": "u3", "text": "sep\u2028arator inside a JSON string"}',
    ]
    utf8 = "\n".join(lines).encode("utf-8")
    cp1252 = b'{"id": "c1", "text": "it\x92s cp1252"}\n{"id": "c2", "text": "\xe2\x80\x9cutf-8\xe2\x80\x9d"}\n'
    return {
        "utf8": write(tmp_path / "utf8.jsonl", utf8 + b"\n"),
        "no-final-newline": write(tmp_path / "last.jsonl", utf8),
        "bom-crlf": write(tmp_path / "bom.jsonl", codecs.BOM_UTF8 + utf8.replace(b"\n", b"\r\n")),
        "mixed-cp1252": write(tmp_path / "mixed.jsonl", cp1252),
        "utf16": write(tmp_path / "utf16.jsonl", "\n".join(lines).encode("utf-16")),
        "gzip": write(tmp_path / "z.jsonl.gz", gzip.compress(utf8) + gzip.compress(cp1252)),
        "truncated-gzip": write(tmp_path / "cut.jsonl.gz", gzip.compress(utf8 * 50)[:-40]),
    }


def test_json_lines_read_a_line_at_a_time_equal_the_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _jsonl_variants(tmp_path)
    streamed = {name: read_inputs([path]) for name, path in files.items()}
    monkeypatch.setattr(jsonl_reader, "streamable", lambda path, compressed: False)
    for name, path in files.items():
        whole = read_inputs([path])
        assert streamed[name].articles.equals(whole.articles), name
        assert streamed[name].rejects.equals(whole.rejects), name
    assert articles(streamed["mixed-cp1252"])["c1"]["text"] == "it\u2019s cp1252"
    assert articles(streamed["bom-crlf"])["u1"]["text"] == articles(streamed["utf8"])["u1"]["text"]


def test_sound_json_lines_are_not_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _jsonl_variants(tmp_path)

    def whole_read(data: bytes, path: Path) -> Any:
        raise AssertionError(f"{path} was read whole")

    monkeypatch.setattr(jsonl_reader, "parse", whole_read)
    for name in ("utf8", "no-final-newline", "bom-crlf", "mixed-cp1252", "gzip"):
        assert read_inputs([files[name]]).articles.num_rows > 0, name
    with pytest.raises(AssertionError, match="read whole"):
        read_inputs([files["utf16"]])


def test_truncated_jsonl_gzip_keeps_complete_lines(tmp_path: Path) -> None:
    content = "".join(json.dumps({"id": i, "text": f"{BODY} {i}"}) + "\n" for i in range(50)).encode()
    whole = gzip.compress(content)
    broken = write(tmp_path / "cut.jsonl.gz", whole[: len(whole) // 2])
    good = jsonl(tmp_path / "good.jsonl", {"id": "ok", "text": "fine"})
    result = read_inputs([broken, good])
    kept = [article_id for article_id in articles(result) if article_id != "ok"]
    assert kept == [str(i) for i in range(len(kept))] and 0 < len(kept) < 50
    assert all(row["text"] == f"{BODY} {row['article_id']}" for row in result.articles.to_pylist()[:-1])
    [(ref, reason)] = rejects(result)
    assert ref == "file"
    assert reason == (
        f"truncated gzip file: the {len(kept)} complete lines before the cut were read, "
        f"line {len(kept) + 1} and anything after it are lost"
    )
    assert result.rejects.column("source_file").to_pylist() == [str(broken)]
    assert "ok" in articles(result)


def test_truncated_gzip_of_a_whole_file_format_is_a_file_reject(tmp_path: Path) -> None:
    whole = gzip.compress(json.dumps([{"id": i, "text": BODY} for i in range(50)]).encode())
    broken = write(tmp_path / "cut.json.gz", whole[: len(whole) // 2])
    result = read_inputs([broken])
    assert result.articles.num_rows == 0
    [(ref, reason)] = rejects(result)
    assert ref == "file" and reason.startswith("truncated gzip file (ends after ")


def test_corrupt_gzip_is_a_file_reject_and_nothing_from_it_is_kept(tmp_path: Path) -> None:
    content = "".join(json.dumps({"id": i, "text": BODY}) + "\n" for i in range(50)).encode()
    whole = bytearray(gzip.compress(content))
    whole[-8] ^= 0xFF  # the CRC-32 of the content
    broken = write(tmp_path / "crc.jsonl.gz", bytes(whole))
    not_gzip = write(tmp_path / "plain.jsonl.gz", content)
    result = read_inputs([broken, not_gzip])
    assert result.articles.num_rows == 0
    [(ref1, reason1), (ref2, reason2)] = rejects(result)
    assert ref1 == ref2 == "file"
    assert reason1.startswith("corrupt gzip file") and reason2.startswith("corrupt gzip file")


def test_multi_member_gzip_is_read_whole(tmp_path: Path) -> None:
    first = gzip.compress((json.dumps({"id": "a", "text": BODY}) + "\n").encode())
    second = gzip.compress((json.dumps({"id": "b", "text": BODY + " b"}) + "\n").encode())
    result = read_inputs([write(tmp_path / "two.jsonl.gz", first + second + b"\x00" * 16)])
    assert list(articles(result)) == ["a", "b"] and rejects(result) == []


def test_csv_without_text_column_is_one_reject(tmp_path: Path) -> None:
    path = write(tmp_path / "info.csv", "File,Task\ng0pA_taska.txt,a\n")
    result = read_inputs([path])
    assert result.articles.num_rows == 0
    assert rejects(result) == [("file", "CSV header has no text, body, content or html column")]


def test_invalid_json_file_is_input_error_before_anything_is_returned(tmp_path: Path) -> None:
    good = jsonl(tmp_path / "a.jsonl", {"id": "ok", "text": "fine"})
    bad = write(tmp_path / "b.json", '[{"id": 1, "text": "x"},')
    with pytest.raises(InputError, match="not valid JSON") as caught:
        read_inputs([good, bad])
    assert str(bad) in str(caught.value)


def test_json_scalar_document_is_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "n.json", "42")
    with pytest.raises(InputError, match="top-level JSON value is a number"):
        read_inputs([path])


def test_corrupt_parquet_is_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "x.parquet", b"definitely not parquet")
    with pytest.raises(InputError, match="not a readable Parquet file"):
        read_inputs([path])


# --------------------------------------------------------------------------- the registry


def _parquet_bytes() -> bytes:
    buffer = io.BytesIO()
    pq.write_table(pa.table({"id": ["p"], "text": [BODY]}), buffer)
    return buffer.getvalue()


def _warc_bytes(gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    payload = io.BytesIO(ARTICLE_HTML.encode())
    writer.write_record(
        writer.create_warc_record("https://example.com/q", "response", payload=payload, http_headers=headers)
    )
    return buffer.getvalue()


#: A tiny file of every registered format, holding one article: (compressed) -> bytes.
TINY: dict[str, Callable[[bool], bytes]] = {
    "jsonl": lambda gz: json.dumps({"id": "t", "text": BODY}).encode() + b"\n",
    "json": lambda gz: json.dumps([{"id": "t", "text": BODY}]).encode(),
    "csv": lambda gz: f"id,text\nt,{BODY.replace(',', '')}\n".encode(),
    "parquet": lambda gz: _parquet_bytes(),
    "txt": lambda gz: BODY.encode(),
    "html": lambda gz: ARTICLE_HTML.encode(),
    "warc": _warc_bytes,  # per-record gzip: a .warc.gz as crawlers write it
}


def test_the_registry_is_the_one_place_a_format_is_known(tmp_path: Path) -> None:
    suffixes = [suffix for reader in READERS for suffix in reader.suffixes]
    assert len(set(suffixes)) == len(suffixes)
    assert all(suffix == suffix.lower() and suffix.startswith(".") for suffix in suffixes)
    # The user-facing lists of supported suffixes are the registry's, in its order.
    unsupported = write(tmp_path / "feed.xml", "<rss/>")
    (tmp_path / "empty").mkdir()
    for bad in (unsupported, tmp_path / "empty"):
        with pytest.raises(InputError) as caught:
            discover_inputs([bad])
        listed = re.search(r"(\.\w+(?:, \.\w+)*) \(optionally \.gz\)\)$", str(caught.value))
        assert listed is not None, str(caught.value)
        assert listed.group(1).split(", ") == suffixes
    # Every registered reader reads a tiny file of its format under each of its suffixes, plain and gzipped.
    assert set(TINY) == {reader.name for reader in READERS}, "a new format needs a tiny file here"
    for reader in READERS:
        for suffix in reader.suffixes:
            for gz in (False, True):
                data = TINY[reader.name](gz)
                if gz and reader.name != "warc":
                    data = gzip.compress(data)
                path = write(tmp_path / "tiny" / f"{reader.name}{suffix.upper()}{'.gz' if gz else ''}", data)
                assert reader_of(path) == (reader, gz)
                assert discover_inputs([path]) == [path]
                assert len(list(reader.read(path, gz))) == 1, path
                result = read_inputs([path])
                assert rejects(result) == [], path
                assert result.articles.num_rows == 1, path
