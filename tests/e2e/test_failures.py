"""Failures are seen: nothing usable fails the flow, every run (failed, crashed) is in lineage.runs."""

from __future__ import annotations

import json
import os
import shutil
from contextlib import closing
from pathlib import Path

import pytest

import flows.pipeline
from cli.commands import main
from flows.poll import wiretrace_poll
from flows.run import wiretrace_run
from tasks.report import SUMMARY_KEY
from tests.conftest import SEED_001, SEEDS
from tests.e2e.prefect_server import free_port
from tests.e2e.states import snapshot
from tests.e2e.test_poll_flow import FAST
from tests.e2e.test_run_report import _artifacts as artifacts_of_run
from tests.httpserver import LocalServer, Reply, rss
from warehouse.connection import connect_reader
from warehouse.session import Holder, pending_crashes, queue_dir
from wiretrace.errors import NothingUsableError

pytestmark = pytest.mark.usefixtures("prefect_harness")

BAD = [
    {"id": "b1", "outlet": "X", "text": ""},
    {"id": "b2", "outlet": "X", "text": "A real looking text.", "published_at": "not a date"},
    {"id": "b3", "outlet": "X", "text": "Another text.", "published_at": "also not a date"},
]


def _jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _runs(db: Path) -> list[dict[str, object]]:
    with closing(connect_reader(db)) as con:
        cursor = con.execute("SELECT * FROM lineage.runs ORDER BY started_at, run_id")
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _artifacts(db: Path, which: int) -> dict[str, object]:
    return artifacts_of_run(db, which)


def _quarantine(db: Path) -> list[tuple[str, str, str]]:
    with closing(connect_reader(db)) as con:
        return con.execute("SELECT source_file, record_ref, reason FROM lineage.quarantine ORDER BY ALL").fetchall()


def test_a_run_whose_every_record_is_quarantined_fails_and_says_why(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    bad = _jsonl(tmp_path / "bad.jsonl", BAD)
    with pytest.raises(NothingUsableError) as raised:
        wiretrace_run(paths=[str(bad)], db=str(db))
    message = str(raised.value)
    assert "all 3 input records were quarantined" in message
    assert "published_at … is not a valid date 2" in message and "empty text 1" in message
    assert "lineage.quarantine" in message and "\n" not in message
    (run,) = _runs(db)
    assert run["status"] == "failed" and run["error"] == message and run["finished_at"] is not None
    assert len(_quarantine(db)) == 3  # the evidence is published with the failed run

    # Again on the same file: the records are already quarantined, and the run fails the same way.
    with pytest.raises(NothingUsableError, match="all 3 input records were quarantined"):
        wiretrace_run(paths=[str(bad)], db=str(db))
    assert [r["status"] for r in _runs(db)] == ["failed", "failed"]


def test_an_empty_file_is_quarantined_and_alone_fails_the_run(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(NothingUsableError, match=r"all 1 input records were quarantined \(empty file: no records 1\)"):
        wiretrace_run(paths=[str(empty)], db=str(db))
    assert _quarantine(db) == [(str(empty), "(whole file)", "empty file: no records")]


def test_partial_failure_succeeds_with_counts_by_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.duckdb"
    inputs = tmp_path / "in"
    inputs.mkdir()
    _jsonl(inputs / "a-bad.jsonl", BAD[:2])
    (inputs / "b-empty.jsonl").write_text("")
    shutil.copy(SEEDS / f"{SEED_001}.txt", inputs)
    summary = wiretrace_run(paths=[str(inputs)], db=str(db))
    assert summary["status"] == "succeeded" and summary["error"] is None
    assert summary["articles_read"] == 1 and summary["quarantined"] == 3
    assert summary["quarantined_by_reason"] == {
        "empty file: no records": 1,
        "empty text": 1,
        "published_at … is not a valid date": 1,
    }
    summary_md = str(_artifacts(db, 0)[SUMMARY_KEY])
    assert "Quarantined records by reason (rows in `lineage.quarantine`)" in summary_md
    assert "| empty file: no records | 1 |" in summary_md and "**Failed:**" not in summary_md
    # The CLI shows the same on stderr with the table to look in, and exits 0.
    assert main(["run", str(inputs), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "quarantined 3 (empty file: no records 1, empty text 1, published_at … is not a valid date 1;" in err
    assert "see lineage.quarantine" in err


def test_a_rerun_of_stored_inputs_is_not_a_failure(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    wiretrace_run(db=str(db))
    again = wiretrace_run(db=str(db))
    assert again["status"] == "succeeded" and again["new_articles"] == 0 and again["already_stored"] == 2
    assert [r["status"] for r in _runs(db)] == ["succeeded", "succeeded"]


def test_a_poll_whose_every_request_fails_fails_and_keeps_its_fetch_log(
    tmp_path: Path, local_server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    local_server.serve("/broken.xml", Reply(body=b"<rss><channel><item>", content_type="application/rss+xml"))
    feeds = [local_server.url("/missing.xml"), local_server.url("/broken.xml"), f"http://127.0.0.1:{free_port()}/feed"]
    with pytest.raises(NothingUsableError) as raised:
        wiretrace_poll(feeds=feeds, db=str(db), fetch=FAST)
    message = str(raised.value)
    assert message.startswith("poll r-") and "all 3 requests failed" in message
    assert "HTTP 404 1" in message and "connection failed (ConnectError) 1" in message
    (run,) = _runs(db)
    assert run["status"] == "failed" and run["error"] == message
    assert f"lineage.fetch_log WHERE run_id = '{run['run_id']}'" in message
    with closing(connect_reader(db)) as con:
        outcomes = con.execute("SELECT outcome, count(*) FROM lineage.fetch_log GROUP BY ALL").fetchall()
    assert outcomes == [("failed", 3)]
    summary_md = str(_artifacts(db, 0)[SUMMARY_KEY])
    assert f"**Failed:** {message}" in summary_md and "| HTTP 404 | 1 |" in summary_md

    # The CLI: exit 3 and the one-line reason on stderr.
    assert main(["poll", *feeds, "--db", str(db)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("wiretrace: poll r-") and "all 3 requests failed" in err[-1]


def test_a_poll_with_some_failures_succeeds_and_counts_them(tmp_path: Path, local_server: LocalServer) -> None:
    db = tmp_path / "w.duckdb"
    feed = rss([{"title": "Gone", "link": local_server.url("/gone"), "guid": "g"}])
    local_server.serve("/feed.xml", Reply(body=feed.encode(), content_type="application/rss+xml"))
    summary = wiretrace_poll(feeds=[local_server.url("/feed.xml")], db=str(db), fetch=FAST)
    assert summary["status"] == "succeeded"
    assert summary["failed_requests"] == 1 and summary["failed_by_reason"] == {"HTTP 404": 1}


def test_a_failed_run_is_recorded_alone_and_publishes_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    wiretrace_run(db=str(db))
    before = snapshot(db, stable=True)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("verification exploded\nsecond line")

    monkeypatch.setattr(flows.pipeline, "verify_task", broken)
    other = _jsonl(tmp_path / "more.jsonl", [{"id": "m1", "outlet": "Y", "text": "Some new text " * 20}])
    with pytest.raises(RuntimeError, match="verification exploded"):
        wiretrace_run(paths=[str(other)], db=str(db))
    assert snapshot(db, stable=True) == before  # the failed copy was not published
    runs = _runs(db)
    assert [r["status"] for r in runs] == ["succeeded", "failed"]
    assert runs[1]["error"] == "RuntimeError: verification exploded second line"
    assert json.loads(str(runs[1]["inputs"])) == [str(other)]
    assert runs[1]["started_at"] <= runs[1]["finished_at"]
    assert not list(tmp_path.glob("*.run-*"))


def test_a_dead_holder_of_the_lock_is_recorded_as_crashed_by_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    wiretrace_run(db=str(db))
    # What `kill -9` leaves: the lock signed by a process that is gone, and its working copy.
    dead = Holder("r-20240101T000000-deadbeef", 2**22 + 7, "this-host", "2024-01-01T00:00:00+00:00")
    db.with_name(db.name + ".lock").write_text(json.dumps(dead.__dict__))
    shutil.copyfile(db, db.with_name(f"{db.name}.run-{dead.run_id}.tmp"))
    # And a working copy of a run that signed nothing (an older version).
    shutil.copyfile(db, db.with_name(f"{db.name}.run-r-20240102T030405-0badf00d.tmp"))
    wiretrace_run(db=str(db))
    runs = {r["run_id"]: r for r in _runs(db)}
    crashed = runs[dead.run_id]
    assert crashed["status"] == "crashed" and str(crashed["started_at"]).startswith("2024-01-01 00:00:00")
    assert f"process {dead.pid} on this-host" in str(crashed["error"])
    older = runs["r-20240102T030405-0badf00d"]
    assert older["status"] == "crashed" and str(older["started_at"]).startswith("2024-01-02 03:04:05")
    assert pending_crashes(db) == []  # recorded and settled (no flow run to mark)
    assert not list(tmp_path.glob("*.run-*"))
    assert [r["status"] for r in _runs(db)].count("succeeded") == 2
    assert os.listdir(queue_dir(db)) == ["seq"]
