"""The bad-input catalogue, through ``wiretrace run`` into a real warehouse.

One inbox mixes every kind of bad record and file with valid articles, in the same files where the
format allows. Each bad one must be quarantined under its file and record with a reason that says
what is wrong; every valid article must land, with its text decoded right; the run succeeds (its
data checks pass). An input that cannot be read at all stops the run before anything is written.
"""

from __future__ import annotations

import gzip
import json
import random
import zlib
from contextlib import closing
from pathlib import Path

import pytest

from cli.commands import main
from tests.e2e.states import snapshot
from warehouse.connection import connect_reader

pytestmark = pytest.mark.usefixtures("prefect_harness")

EVENTS = ("flooded the river valley", "closed the mountain pass", "cut power to the capital", "grounded all flights")


def _body(n: int) -> str:
    """A distinct, plausible article text."""
    event = EVENTS[n % len(EVENTS)]
    return (
        f"Officials said on Tuesday that storm number {n} {event}, and emergency crews worked through the "
        f"night in district {n}. Residents of {n * 7} homes were told to stay indoors while engineers "
        f"inspected roads and bridges, the regional authority said in a statement numbered {n * 13}."
    )


def _line(record: object) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def _write_inbox(inbox: Path) -> tuple[set[str], dict[tuple[str, str], str]]:
    """Write the catalogue; return the ids that must land and {(file, record_ref): reason fragment}."""
    inbox.mkdir()
    valid: set[str] = set()
    bad: dict[tuple[str, str], str] = {}

    feed = [
        ({"id": "ok-1", "published_at": "2024-05-01T08:00:00Z", "text": _body(1)}, None),
        ('{"id": "broken", "text": "no closing quote}', "invalid JSON"),
        ({"id": "ok-2", "text": _body(2)}, None),
        ({"id": "empty", "text": ""}, "empty text"),
        ({"id": "blank", "text": " \n\t "}, "empty text"),
        ({"id": "binary", "text": "".join(map(chr, range(0, 32))) * 20}, "binary or non-text content"),
        ({"id": "feb-30", "published_at": "2024-02-30", "text": _body(3)}, "'2024-02-30' is not a valid date"),
        ({"id": "month-13", "published_at": "2024-13-01T00:00:00Z", "text": _body(4)}, "is not a valid date"),
        ({"id": "far-future", "published_at": "2999-01-01", "text": _body(5)}, "more than 2 days in the future"),
        ({"id": "year-1", "published_at": "0001-01-01", "text": _body(6)}, "is before 1900"),
        ({"id": "ok-3", "text": _body(7)}, None),
        ({"id": "ok-1", "text": _body(8)}, "duplicate id ok-1 with different text"),
        ({"id": "ok-2", "text": _body(2)}, None),  # the same article again: dropped silently, not lost
        ({"id": "no-article", "html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"}, "no article"),
        ({"id": "huge", "text": "word " * 4_200_000}, "text too long (20999999 characters, limit 5000000)"),
        ([1, 2, 3], "record is an array, not an object"),
        ({"id": "ok-4", "published_at": "Tue, 30 Apr 2024 10:00:00 +0200", "text": _body(9)}, None),
    ]
    with open(inbox / "feed.jsonl", "w", encoding="utf-8") as fh:
        for number, (record, reason) in enumerate(feed, start=1):
            fh.write(record + "\n" if isinstance(record, str) else _line(record))
            if reason is None:
                assert isinstance(record, dict)
                valid.add(record["id"])
            else:
                bad[("feed.jsonl", f"line {number}")] = reason

    # Wrong and mixed encodings: cp1252 text, a Latin-1 line among UTF-8 lines, UTF-16 with a BOM.
    (inbox / "cp1252.txt").write_bytes(
        f"date 2024-05-02 Caf\u00e9 owners \u2018cautious\u2019 \u2013 {_body(10)}".encode("cp1252")
    )
    (inbox / "mixed.jsonl").write_bytes(
        _line({"id": "utf8", "text": "Na\u00efve r\u00e9sum\u00e9 of " + _body(11)}).encode("utf-8")
        + _line({"id": "latin1", "text": "Se\u00f1or Mu\u00f1oz said " + _body(12)}).encode("latin-1")
    )
    (inbox / "utf16.txt").write_bytes(("Z\u00fcrich: " + _body(13)).encode("utf-16"))
    valid |= {"cp1252", "utf8", "latin1", "utf16"}

    # Binary garbage as a whole file, in two formats.
    garbage = random.Random(4).randbytes(4096)
    (inbox / "garbage.txt").write_bytes(garbage)
    (inbox / "garbage.jsonl").write_bytes(garbage)
    bad[("garbage.txt", "file")] = "binary or non-text content"
    bad[("garbage.jsonl", "file")] = "binary or non-text content"

    # HTML: one article, one page without an article, one too large to parse.
    (inbox / "article.html").write_text(
        f"<html><head><title>Storm</title></head><body><article><p>{_body(14)}</p><p>{_body(15)}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (inbox / "no_article.html").write_text("<html><body><div id='app'></div></body></html>", encoding="utf-8")
    (inbox / "huge.html").write_text(f"<html><body><p>{'word ' * 2_100_000}</p></body></html>", encoding="utf-8")
    valid.add("article")
    bad[("no_article.html", "file")] = "no article text found in HTML"
    bad[("huge.html", "file")] = "HTML too large"

    # A truncated download: the complete lines before the cut land, the cut is reported.
    archive = "".join(_line({"id": f"gz-{i}", "text": _body(100 + i)}) for i in range(40)).encode()
    packed = gzip.compress(archive)
    cut = packed[: len(packed) * 3 // 5]
    kept = gzip.decompress(packed)[: _decompressed_length(cut)].count(b"\n")
    (inbox / "archive.jsonl.gz").write_bytes(cut)
    valid |= {f"gz-{i}" for i in range(kept)}
    bad[("archive.jsonl.gz", "file")] = f"the {kept} complete lines before the cut were read, line {kept + 1}"

    # A duplicate id in another file, and a CSV with a good and an empty row.
    (inbox / "later.jsonl").write_text(_line({"id": "ok-3", "text": _body(16)}), encoding="utf-8")
    bad[("later.jsonl", "line 1")] = "duplicate id ok-3 with different text (first seen in"
    (inbox / "rows.csv").write_text(f'id,text\ncsv-1,"{_body(17)}"\ncsv-2,\n', encoding="utf-8")
    valid.add("csv-1")
    bad[("rows.csv", "row 2")] = "empty text"
    return valid, bad


def _decompressed_length(truncated_gzip: bytes) -> int:
    """How many content bytes a truncated gzip stream still yields."""
    return len(zlib.decompressobj(wbits=31).decompress(truncated_gzip))


def test_bad_input_catalogue_is_quarantined_and_no_valid_record_is_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    valid, bad = _write_inbox(inbox)
    db = tmp_path / "wiretrace.duckdb"

    assert main(["run", str(inbox), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"quarantined {len(bad)}" in out

    with closing(connect_reader(db)) as con:
        stored = {r[0]: r[1] for r in con.execute("SELECT article_id, text FROM wt.articles").fetchall()}
        quarantined = {
            (Path(f).name, ref): reason
            for f, ref, reason in con.execute(
                "SELECT source_file, record_ref, reason FROM lineage.quarantine"
            ).fetchall()
        }
        status = con.execute("SELECT status FROM lineage.runs").fetchall()
    assert set(stored) == valid
    assert set(quarantined) == set(bad)
    for key, fragment in bad.items():
        assert fragment in quarantined[key], (key, quarantined[key])
    assert status == [("succeeded",)]
    # Encodings decoded to the right characters, not replacement characters or mojibake.
    assert stored["cp1252"].startswith("Caf\u00e9 owners \u2018cautious\u2019 \u2013 Officials")
    assert stored["utf8"].startswith("Na\u00efve r\u00e9sum\u00e9 of")
    assert stored["latin1"].startswith("Se\u00f1or Mu\u00f1oz said")
    assert stored["utf16"].startswith("Z\u00fcrich: Officials")
    assert stored["ok-1"] == _body(1) and stored["ok-3"] == _body(7)
    assert all("\ufffd" not in text for text in stored.values())


def test_an_unreadable_input_stops_the_run_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "wiretrace.duckdb"
    first = tmp_path / "first.jsonl"
    first.write_text(_line({"id": "kept", "text": _body(1)}), encoding="utf-8")
    assert main(["run", str(first), "--db", str(db)]) == 0
    before, before_bytes = snapshot(db), db.read_bytes()
    capsys.readouterr()

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.jsonl").write_text(_line({"id": "new", "text": _body(2)}), encoding="utf-8")
    (inbox / "broken.json").write_text('[{"id": "x", "text": "cut off', encoding="utf-8")
    assert main(["run", str(inbox), "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken.json" in err[0] and "not valid JSON" in err[0]
    assert db.read_bytes() == before_bytes and snapshot(db) == before
