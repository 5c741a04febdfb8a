"""Kept versions on real DuckDB files: the publish keeps the replaced file (a hard link, no copy), rotates,
survives a kill between its two renames, never leaves the warehouse path missing; newer warehouses are refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from warehouse.connection import connect_reader, connect_writer
from warehouse.migrate import apply_views, migrate, unknown_migrations
from warehouse.session import write_session
from warehouse.versions import KEEP_VERSIONS_ENV, find_version, keep_versions, kept_versions, versions_dir
from wiretrace.errors import InputError, VersionNotFoundError, WarehouseTooNewError

ROOT = Path(__file__).resolve().parents[2]


def _fresh(db: Path) -> None:
    with closing(connect_writer(db)) as con:
        migrate(con)
        apply_views(con)


def _publish_run(db: Path, run_id: str, keep: int | None = None) -> None:
    """One write session that records ``run_id`` as a succeeded run."""
    with write_session(db, run_id, keep=keep) as work, closing(connect_writer(work)) as con:
        con.execute(
            "INSERT INTO wt.runs (run_id, started_at, finished_at, status, parameters, versions)"
            " VALUES (?, now(), now(), 'succeeded', '{}', '{}')",
            [run_id],
        )


def _runs(db: Path) -> list[str]:
    with closing(connect_reader(db)) as con:
        return [r[0] for r in con.execute("SELECT run_id FROM wt.runs ORDER BY started_at, run_id").fetchall()]


def test_each_publish_keeps_the_replaced_file_itself_and_rotates(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    _publish_run(db, "r-1", keep=2)
    inode_of_r1 = db.stat().st_ino
    _publish_run(db, "r-2", keep=2)

    kept, first = kept_versions(db)
    assert first.run_id == "unknown" and _runs(first.path) == []  # the new, empty warehouse: no run yet
    assert kept.run_id == "r-1" and _runs(kept.path) == ["r-1"]
    assert kept.path.stat().st_ino == inode_of_r1  # the replaced file itself, not a copy
    assert kept.path.stat().st_nlink == 1 and db.stat().st_nlink == 1  # the warehouse shares no blocks with it

    _publish_run(db, "r-3", keep=2)
    _publish_run(db, "r-4", keep=2)
    assert [v.run_id for v in kept_versions(db)] == ["r-3", "r-2"]  # newest first, the oldest deleted
    assert [_runs(v.path) for v in kept_versions(db)] == [["r-1", "r-2", "r-3"], ["r-1", "r-2"]]
    assert _runs(db) == ["r-1", "r-2", "r-3", "r-4"]
    assert len(list(versions_dir(db).iterdir())) == 2
    assert find_version(db, "1") == kept_versions(db)[0]
    assert find_version(db, kept_versions(db)[1].name).run_id == "r-2"

    _publish_run(db, "r-5", keep=0)  # 0 keeps none: every kept version goes
    assert kept_versions(db) == [] and list(versions_dir(db).iterdir()) == []
    with pytest.raises(VersionNotFoundError, match="no kept version '1'"):
        find_version(db, "1")


def test_a_failed_session_keeps_no_version_and_deletes_none(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    _publish_run(db, "r-1", keep=1)
    _publish_run(db, "r-2", keep=1)
    before = [v.name for v in kept_versions(db)]
    with pytest.raises(RuntimeError, match="crash"), write_session(db, "r-3", keep=0):
        raise RuntimeError("crash in the middle of a run")
    assert [v.name for v in kept_versions(db)] == before
    assert _runs(db) == ["r-1", "r-2"]


def test_the_warehouse_path_never_goes_missing_while_publishing(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    missing, looks = [], 0
    done = threading.Event()

    def watch() -> None:
        nonlocal looks
        while not done.is_set():
            looks += 1
            if not os.path.exists(db):
                missing.append(looks)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for i in range(15):
            _publish_run(db, f"r-{i:02d}", keep=2)
    finally:
        done.set()
        watcher.join()
    assert looks > 100
    assert missing == []
    assert len(kept_versions(db)) == 2


CRASH_BETWEEN_RENAMES = """
import os, signal, sys
from pathlib import Path
from warehouse.connection import connect_writer
import warehouse.session as session

db = Path(sys.argv[1]).resolve()
real_replace = os.replace

def replace(src, dst):
    if Path(dst) == db:  # the publish's second rename: the version link is made, the new copy not yet in
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)

session.os.replace = replace
with session.write_session(db, "r-killed", keep=2) as work:
    con = connect_writer(work)
    con.execute(
        "INSERT INTO wt.runs (run_id, started_at, finished_at, status, parameters, versions)"
        " VALUES ('r-killed', now(), now(), 'succeeded', '{}', '{}')"
    )
    con.close()
"""


def kill_between_renames(db: Path) -> None:
    """Run a write session on ``db`` in a process that is killed between its two publish renames."""
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CRASH_BETWEEN_RENAMES), str(db)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr


def test_a_kill_between_the_link_and_the_rename_leaves_a_usable_warehouse_that_the_next_session_repairs(
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    _publish_run(db, "r-1", keep=2)
    _publish_run(db, "r-2", keep=2)
    before_bytes, before_versions = db.read_bytes(), [v.name for v in kept_versions(db)]

    kill_between_renames(db)

    # The warehouse is the one before the killed session, readable; its second name is no version.
    assert db.read_bytes() == before_bytes
    assert _runs(db) == ["r-1", "r-2"]
    linked = [p for p in versions_dir(db).iterdir() if p.stat().st_ino == db.stat().st_ino]
    assert len(linked) == 1 and db.stat().st_nlink == 2  # the link made just before the kill
    assert [v.name for v in kept_versions(db)] == before_versions
    assert list(tmp_path.glob("w.duckdb.run-r-killed.tmp"))  # the killed run's working copy

    _publish_run(db, "r-3", keep=2)  # the next session repairs, then publishes as usual

    assert not linked[0].exists()
    assert not list(tmp_path.glob("*.run-*"))
    assert [v.run_id for v in kept_versions(db)] == ["r-2", "r-1"]
    assert sorted(p.name for p in versions_dir(db).iterdir()) == sorted(v.path.name for v in kept_versions(db))
    assert db.stat().st_nlink == 1
    assert _runs(db) == ["r-1", "r-2", "r-3"]


def test_keep_versions_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEEP_VERSIONS_ENV, raising=False)
    assert keep_versions() == 3
    monkeypatch.setenv(KEEP_VERSIONS_ENV, "0")
    assert keep_versions() == 0
    monkeypatch.setenv(KEEP_VERSIONS_ENV, " 7 ")
    assert keep_versions() == 7
    for bad in ("-1", "three", "2.5"):
        monkeypatch.setenv(KEEP_VERSIONS_ENV, bad)
        with pytest.raises(InputError, match=f"WIRETRACE_KEEP_VERSIONS='{bad}' is not a whole number"):
            keep_versions()


def _from_the_future(db: Path) -> None:
    with closing(duckdb.connect(str(db))) as con:
        con.execute("INSERT INTO wt.schema_migrations VALUES ('9999_from_the_future', now())")


def test_a_warehouse_migrated_by_newer_code_refuses_writes_before_changing_anything(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    _publish_run(db, "r-1", keep=2)
    _publish_run(db, "r-2", keep=2)
    _from_the_future(db)
    files = sorted(p.name for p in tmp_path.rglob("*"))
    before = db.read_bytes()

    assert unknown_migrations(db) == ["9999_from_the_future"]
    message = (
        rf"warehouse {db} was migrated by newer wiretrace \(migration 9999_from_the_future unknown to this "
        r"version [^)]+\): upgrade wiretrace or restore an older version"
    )
    with pytest.raises(WarehouseTooNewError, match=message), write_session(db, "r-3", keep=2):
        pytest.fail("the session must not start")
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == files
    with closing(connect_writer(tmp_path / "copy.duckdb")) as con:  # migrate() refuses such a file too
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(db)])
        con.execute("COPY FROM DATABASE w TO copy")
        con.execute("DETACH w")
        with pytest.raises(WarehouseTooNewError, match="9999_from_the_future unknown"):
            migrate(con)
    with closing(connect_reader(db)) as con:  # readers still work
        assert con.execute("SELECT count(*) FROM lineage.runs").fetchone() == (2,)

    # A restore of an older version is the way out: it may replace the newer warehouse (kept, so undoable).
    older = find_version(db, "1")
    with write_session(db, "r-restore", keep=2, restore_from=older.path):
        pass
    assert unknown_migrations(db) == []
    assert _runs(db) == ["r-1"]
    assert unknown_migrations(kept_versions(db)[0].path) == ["9999_from_the_future"]
    with pytest.raises(WarehouseTooNewError), write_session(db, "r-4", restore_from=kept_versions(db)[0].path):
        pytest.fail("a version from newer code is not restored")


def test_without_hard_links_the_replaced_file_is_kept_as_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    _publish_run(db, "r-1", keep=2)
    replaced = db.read_bytes()

    def no_links(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    _publish_run(db, "r-2", keep=2)
    kept = kept_versions(db)[0]
    assert kept.run_id == "r-1" and kept.path.read_bytes() == replaced
    assert not list(versions_dir(db).glob("*.partial"))
    assert _runs(db) == ["r-1", "r-2"]
