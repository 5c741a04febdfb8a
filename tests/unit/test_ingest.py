"""Ingest stage: every format from real files, text decoding, and the bad-input catalogue."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from wiretrace.errors import InputError
from wiretrace.ingest import IngestResult, discover_inputs, read_input_batches, read_inputs
from wiretrace.schemas import RAW_ARTICLE, REJECT

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "001_0a60103a4232d51d.txt"
DATA_DIR = Path(os.environ.get("WIRETRACE_DATA_DIR", "/work/shared/data"))

BODY = (
    "A strong earthquake struck the northern coast on Friday, officials said, damaging buildings "
    "and cutting power to thousands of homes across the region."
)
ARTICLE_HTML = f"""<!doctype html>
<html><head><title>Quake hits coast | Example News</title>
<link rel="canonical" href="https://www.example.com/news/quake"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Quake hits coast</h1><p>{BODY}</p>
<p>Rescue teams were sent to the worst-hit towns, and the national weather service warned of
aftershocks over the coming days.</p></article>
<footer>Copyright Example News</footer></body></html>
"""
EMPTY_HTML = "<html><head><title>App</title></head><body><div id='app'></div></body></html>"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def jsonl(path: Path, *records: Any) -> Path:
    return write(path, "".join(json.dumps(r) + "\n" for r in records))


def articles(result: IngestResult) -> dict[str, dict[str, Any]]:
    return {row["article_id"]: row for row in result.articles.to_pylist()}


def rejects(result: IngestResult) -> list[tuple[str, str]]:
    return [(row["record_ref"], row["reason"]) for row in result.rejects.to_pylist()]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# --------------------------------------------------------------------------- formats


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


def test_html_file_text_title_and_canonical_url(tmp_path: Path) -> None:
    path = write(tmp_path / "quake.html", ARTICLE_HTML)
    result = read_inputs([path])

    row = articles(result)["quake"]
    assert BODY in row["text"]
    assert "Copyright" not in row["text"] and "World" not in row["text"]
    assert row["title"].startswith("Quake hits coast")
    assert row["url"] == "https://www.example.com/news/quake"
    assert row["outlet"] == "example.com"


def test_html_field_in_record_is_extracted(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "h.jsonl", {"id": "h1", "text": "  ", "html": ARTICLE_HTML, "title": "Given"})
    row = articles(read_inputs([path]))["h1"]
    assert BODY in row["text"]
    assert row["title"] == "Given"


def test_gzip_versions_are_read(tmp_path: Path) -> None:
    feed = write(tmp_path / "feed.jsonl.gz", gzip.compress(b'{"id": "g1", "text": "zipped"}\n'))
    txt = write(tmp_path / "note.txt.gz", gzip.compress(b"date 2024-06-01\nZipped note."))
    rows = articles(read_inputs([feed, txt]))
    assert rows["g1"]["text"] == "zipped"
    assert rows["note"]["text"] == "Zipped note."
    assert rows["note"]["published_at"] == utc(2024, 6, 1)


# --------------------------------------------------------------------------- decoding


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


# --------------------------------------------------------------------------- bad inputs


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
    import wiretrace.ingest as ingest

    files = _jsonl_variants(tmp_path)
    streamed = {name: read_inputs([path]) for name, path in files.items()}
    monkeypatch.setattr(ingest, "_streamable_jsonl", lambda path, compressed: False)
    for name, path in files.items():
        whole = read_inputs([path])
        assert streamed[name].articles.equals(whole.articles), name
        assert streamed[name].rejects.equals(whole.rejects), name
    assert articles(streamed["mixed-cp1252"])["c1"]["text"] == "it\u2019s cp1252"
    assert articles(streamed["bom-crlf"])["u1"]["text"] == articles(streamed["utf8"])["u1"]["text"]


def test_sound_json_lines_are_not_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import wiretrace.ingest as ingest

    files = _jsonl_variants(tmp_path)

    def whole_read(data: bytes, path: Path) -> Any:
        raise AssertionError(f"{path} was read whole")

    monkeypatch.setitem(ingest._READERS, "jsonl", whole_read)
    for name in ("utf8", "no-final-newline", "bom-crlf", "mixed-cp1252", "gzip"):
        assert read_inputs([files[name]]).articles.num_rows > 0, name
    with pytest.raises(AssertionError, match="read whole"):
        read_inputs([files["utf16"]])


def test_html_without_article_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "app.html", EMPTY_HTML)
    result = read_inputs([path])
    assert result.articles.num_rows == 0
    assert rejects(result) == [("file", "no article text found in HTML")]


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


@pytest.mark.parametrize(
    "body",
    [
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>",
        "<div class='cookies'>We use cookies to improve your experience. Accept all cookies?</div>",
        "<h1>Page not found</h1><p>Sorry, the page you requested does not exist.</p>",
    ],
)
def test_html_page_without_an_article_is_rejected(tmp_path: Path, body: str) -> None:
    result = read_inputs([write(tmp_path / "page.html", f"<html><body>{body}</body></html>")])
    assert result.articles.num_rows == 0
    [(ref, reason)] = rejects(result)
    assert ref == "file" and reason.startswith("no article text found in HTML")


def test_html_too_large_is_rejected_before_parsing(tmp_path: Path) -> None:
    html = f"<html><body><article><p>{BODY}</p>{'x' * 10_000_000}</article></body></html>"
    result = read_inputs([write(tmp_path / "huge.html", html)])
    assert result.articles.num_rows == 0
    assert rejects(result) == [("file", f"HTML too large ({len(html)} characters, limit 10000000)")]


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


def test_csv_without_text_column_is_one_reject(tmp_path: Path) -> None:
    path = write(tmp_path / "info.csv", "File,Task\ng0pA_taska.txt,a\n")
    result = read_inputs([path])
    assert result.articles.num_rows == 0
    assert rejects(result) == [("file", "CSV header has no text, body, content or html column")]


# --------------------------------------------------------------------------- input errors


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


def test_a_txt_headline_alone_on_the_first_line_is_the_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2024-12-26 Russia demands US move first\n\nMoscow said on Thursday.", "utf-8")
    (tmp_path / "b.txt").write_text("Moscow said on Thursday it was ready.\n\nTalks follow.", "utf-8")
    (tmp_path / "c.txt").write_text("A first line that runs on\nwith no blank line after it.", "utf-8")
    rows = {r["article_id"]: r for r in read_inputs([tmp_path]).articles.to_pylist()}
    assert rows["a"]["title"] == "Russia demands US move first"
    assert rows["a"]["text"].startswith("Russia demands US move first")  # the text keeps it
    assert rows["b"]["title"] is None and rows["c"]["title"] is None
