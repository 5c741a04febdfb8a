"""Rollback end to end: real runs keep and rotate versions, ``wiretrace restore`` brings one back (and can be
undone), refuses unknown versions and a locked warehouse, a kill between the publish's renames is repaired by
``wiretrace maintain``, and a warehouse migrated by newer code refuses every write but not readers."""

from __future__ import annotations

import json
import shutil
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from cli.commands import main
from dashboard.queries import run_query
from flows.maintain import wiretrace_maintain
from flows.pipeline import library_versions
from flows.poll import wiretrace_poll
from flows.run import wiretrace_run
from tests.e2e.states import snapshot
from tests.httpserver import LocalServer, Reply, article_html, rss
from tests.integration.test_versions import kill_between_renames
from warehouse.connection import connect_reader
from warehouse.session import write_session
from warehouse.versions import KEEP_VERSIONS_ENV, kept_versions, versions_dir
from wiretrace.errors import WarehouseTooNewError
from wiretrace.params import FetchParams
from workbench.synth import DEFAULT_START, generate_corpus, write_jsonl

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _runs(db: Path) -> list[tuple[str, str]]:
    with closing(connect_reader(db)) as con:
        rows = con.execute("SELECT run_id, status FROM lineage.runs ORDER BY started_at").fetchall()
    return [(r[0], r[1]) for r in rows]


def _restore_rows(db: Path) -> list[dict[str, object]]:
    with closing(connect_reader(db)) as con:
        rows = con.execute("SELECT parameters FROM lineage.runs WHERE status = 'restored' ORDER BY started_at")
        return [json.loads(r[0]) for r in rows.fetchall()]


def test_runs_keep_versions_and_restore_brings_one_back_and_can_be_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(KEEP_VERSIONS_ENV, "2")
    db = tmp_path / "wiretrace.duckdb"
    batches = []
    for i in range(2):
        path = tmp_path / f"batch-{i}.jsonl"
        write_jsonl(generate_corpus(4, seed=40 + i, start=DEFAULT_START, first_story=10 * i), path)
        batches.append(path)

    first = wiretrace_run(db=str(db))  # the seeds
    state_1 = snapshot(db, stable=True)
    assert kept_versions(db) == []  # nothing was replaced
    second = wiretrace_run(paths=[str(batches[0])], db=str(db))
    state_2 = snapshot(db, stable=True)
    third = wiretrace_run(paths=[str(batches[1])], db=str(db))
    state_3 = snapshot(db, stable=True)
    assert state_1 != state_2 != state_3
    assert [v.run_id for v in kept_versions(db)] == [second["run_id"], first["run_id"]]
    assert snapshot(kept_versions(db)[1].path, stable=True) == state_1

    # The listing: the warehouse, then each kept version with its last run and articles.
    capsys.readouterr()
    assert main(["restore", "--db", str(db)]) == 0
    listing = capsys.readouterr().out
    assert f"last run {third['run_id']} (succeeded), {third['total_articles']} articles" in listing
    lines = {line.split()[0]: line.split() for line in listing.splitlines() if line[:1] in "12"}
    assert lines["1"][1] == kept_versions(db)[0].name and lines["1"][5] == second["run_id"]
    assert lines["1"][8] == str(second["total_articles"]) and lines["2"][8] == str(first["total_articles"])
    assert lines["1"][7] == lines["2"][7] == library_versions()["wiretrace"]  # the wiretrace that wrote each

    # Restore the previous version: the tables are the second run's again; the restore is a run row.
    replaced_inode = db.stat().st_ino
    assert main(["restore", "1", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert snapshot(db, stable=True) == state_2
    assert _runs(db)[:2] == [(first["run_id"], "succeeded"), (second["run_id"], "succeeded")]
    assert [s for _, s in _runs(db)] == ["succeeded", "succeeded", "restored"]
    [restore] = _restore_rows(db)
    assert restore["flow"] == "wiretrace-restore" and restore["version_run_id"] == second["run_id"]
    assert restore["replaced_run_id"] == third["run_id"]
    # The replaced warehouse is the newest kept version (the file itself); the oldest was rotated out.
    undo = kept_versions(db)[0]
    assert undo.run_id == third["run_id"] and undo.path.stat().st_ino == replaced_inode
    assert f"undo with `wiretrace restore {undo.name}`" in out
    assert [v.run_id for v in kept_versions(db)] == [third["run_id"], second["run_id"]]

    # Undo the restore: the third run's tables again, with a second restore row.
    assert main(["restore", undo.name, "--db", str(db)]) == 0
    assert snapshot(db, stable=True) == state_3
    assert [s for _, s in _runs(db)] == ["succeeded", "succeeded", "succeeded", "restored"]
    assert _restore_rows(db)[0]["version_run_id"] == third["run_id"]

    # The restored warehouse takes the next run as usual.
    again = wiretrace_run(paths=[str(batches[1])], db=str(db))
    assert again["new_articles"] == 0 and snapshot(db, stable=True) == state_3


def _with_a_version(seeds_warehouse: Path, tmp_path: Path) -> Path:
    db = tmp_path / "wiretrace.duckdb"
    shutil.copyfile(seeds_warehouse, db)
    with write_session(db, "r-republish", keep=3):
        pass  # publishes the same content: the copied file becomes a kept version
    assert len(kept_versions(db)) == 1
    return db


def _files(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*") if p.is_file())


def test_restore_refuses_an_unknown_version_and_a_locked_warehouse(
    seeds_warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _with_a_version(seeds_warehouse, tmp_path)
    before, files = db.read_bytes(), _files(tmp_path)
    capsys.readouterr()

    assert main(["restore", "r-no-such-version", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"no kept version 'r-no-such-version' of {db}" in err and kept_versions(db)[0].name in err
    assert main(["restore", "2", "--db", str(db)]) == 2  # only one is kept
    with pytest.raises(RuntimeError, match="other writer"), write_session(db, "r-other-writer"):
        assert main(["restore", "1", "--db", str(db), "--lock-timeout", "0.5"]) == 1
        raise RuntimeError("the other writer fails: it publishes nothing")
    assert "another wiretrace run is writing" in capsys.readouterr().err
    assert db.read_bytes() == before and _files(tmp_path) == files


def test_a_kill_between_the_publish_renames_is_repaired_by_maintain(
    seeds_warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _with_a_version(seeds_warehouse, tmp_path)
    before, versions = snapshot(db), [v.name for v in kept_versions(db)]
    kill_between_renames(db)
    assert snapshot(db) == before and db.stat().st_nlink == 2  # usable, unchanged; a second name in <db>.v
    assert main(["stories", "--db", str(db)]) == 0
    assert main(["restore", "--db", str(db)]) == 0
    listing = capsys.readouterr().out
    assert "(1 row)" in listing and versions[0] in listing  # the current file's second name is not a version

    assert main(["maintain", "--db", str(db)]) == 0

    assert db.stat().st_nlink == 1 and not list(tmp_path.glob("*.run-*"))
    assert [v.name for v in kept_versions(db)][1:] == versions  # the pre-maintenance file joined them
    assert sorted(p.name for p in versions_dir(db).iterdir()) == sorted(v.path.name for v in kept_versions(db))
    assert snapshot(db, stable=True) == snapshot(kept_versions(db)[0].path, stable=True)


def _feed(server: LocalServer) -> str:
    paragraphs = [
        "The city council approved a new budget on Tuesday after a long debate over road repairs and schools.",
        "Council members said the plan would raise spending on maintenance by a tenth over the next two years.",
    ]
    server.serve("/news/budget", Reply(body=article_html("Council approves budget", paragraphs).encode()))
    items = [{"title": "Council approves budget", "link": server.url("/news/budget"), "guid": "b-1"}]
    return server.serve("/feed.xml", Reply(body=rss(items).encode(), content_type="application/rss+xml"))


def test_a_warehouse_migrated_by_newer_code_refuses_every_write_but_not_readers(
    seeds_warehouse: Path, tmp_path: Path, local_server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _with_a_version(seeds_warehouse, tmp_path)
    with closing(duckdb.connect(str(db))) as con:
        con.execute("INSERT INTO wt.schema_migrations VALUES ('9999_from_the_future', now())")
    before, files = db.read_bytes(), _files(tmp_path)
    refused = f"warehouse {db} was migrated by newer wiretrace (migration 9999_from_the_future unknown to this version"
    capsys.readouterr()

    assert main(["run", "--db", str(db)]) == 1
    assert refused in capsys.readouterr().err
    assert main(["maintain", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert refused in err and "upgrade wiretrace or restore an older version" in err
    with pytest.raises(WarehouseTooNewError, match="9999_from_the_future"):
        wiretrace_poll(feeds=[_feed(local_server)], db=str(db), fetch=FetchParams(retries=0, host_interval=0.0))
    with pytest.raises(WarehouseTooNewError):
        wiretrace_maintain(db=str(db), lock_timeout=0.5)
    assert db.read_bytes() == before and _files(tmp_path) == files

    # Readers still work: sql, stories, the dashboard's queries.
    assert main(["sql", "SELECT count(*) AS n FROM lineage.articles", "--db", str(db)]) == 0
    assert main(["stories", "--db", str(db)]) == 0
    assert "r-republish" not in capsys.readouterr().err
    assert run_query(db, "overview_totals").num_rows == 1

    # The way out the message names: restore an older version (the newer warehouse is kept), then write.
    assert main(["restore", "1", "--db", str(db)]) == 0
    assert kept_versions(db)[0].path.read_bytes() == before
    assert wiretrace_run(db=str(db))["already_stored"] == 2
