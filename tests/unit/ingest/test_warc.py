"""WARC and WARC.gz inputs, written in the test with warcio: HTML responses become articles."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.httpserver import article_html
from wiretrace.errors import InputError
from wiretrace.ingest import discover_inputs, read_inputs

TEXT = [
    "A strong earthquake struck the northern coast on Friday, officials said, damaging buildings "
    "and cutting power to thousands of homes across the region.",
    "Rescue teams were sent to the worst-hit towns, and the national weather service warned of "
    "aftershocks over the coming days.",
]
CYRILLIC = [
    "Сильное землетрясение произошло в пятницу на северном побережье, сообщили официальные лица.",
    "Спасатели направлены в наиболее пострадавшие города, синоптики предупредили о повторных толчках.",
]


def _response(
    writer: WARCWriter, uri: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


def _crawl(gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    _response(writer, "https://www.example.com/news/quake", article_html("Quake hits coast", TEXT).encode())
    _response(writer, "https://www.example.com/logo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    _response(writer, "https://www.example.com/gone", b"<html>gone</html>", status="404 Not Found")
    _response(writer, "https://www.example.com/app", b"<html><body><div id='app'></div></body></html>")
    _response(
        writer,
        "https://news.example.ru/quake",
        article_html("Землетрясение", CYRILLIC).replace("charset='utf-8'", "").encode("cp1251"),
        content_type="text/html; charset=windows-1251",
    )
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_articles_and_the_rest_is_explained(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(_crawl(gz=name.endswith(".gz")))
    assert discover_inputs([tmp_path]) == [path]
    result = read_inputs([path])
    articles = {r["url"]: r for r in result.articles.to_pylist()}
    assert set(articles) == {"https://www.example.com/news/quake", "https://news.example.ru/quake"}
    quake = articles["https://www.example.com/news/quake"]
    assert quake["outlet"] == "example.com" and quake["title"] == "Quake hits coast"
    assert TEXT[0] in quake["text"] and quake["record_ref"] == "record 2 <https://www.example.com/news/quake>"
    assert CYRILLIC[0] in articles["https://news.example.ru/quake"]["text"]
    reasons = {r["record_ref"]: r["reason"] for r in result.rejects.to_pylist()}
    assert reasons == {
        "record 3 <https://www.example.com/logo.png>": "content type image/png is not HTML",
        "record 4 <https://www.example.com/gone>": "HTTP status 404, not an article page",
        "record 5 <https://www.example.com/app>": "no article text found in HTML",
    }


def test_a_warc_gzipped_as_a_whole_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(_crawl(gz=False)))
    result = read_inputs([path])
    assert result.articles.num_rows == 2 and result.rejects.num_rows == 3


def test_truncated_warc_gz_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    data = _crawl(gz=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])  # inside the last record's gzip member
    result = read_inputs([path])
    assert "https://www.example.com/news/quake" in result.articles.column("url").to_pylist()
    file_rejects = [
        r
        for r in result.rejects.to_pylist()
        if r["record_ref"] == "file" and "truncated or corrupt gzip" in r["reason"]
    ]
    assert len(file_rejects) == 1


def test_truncated_plain_warc_rejects_the_cut_record(tmp_path: Path) -> None:
    data = _crawl(gz=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 300])
    result = read_inputs([path])
    assert result.articles.column("url").to_pylist() == ["https://www.example.com/news/quake"]
    assert "record 6 <https://news.example.ru/quake>" in result.rejects.column("record_ref").to_pylist()
    assert any("truncated record" in r for r in result.rejects.column("reason").to_pylist())


def test_a_file_that_is_not_warc_stops_the_run(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a web archive\n\n")
    with pytest.raises(InputError, match=r"junk\.warc: not a readable WARC file"):
        read_inputs([path])
