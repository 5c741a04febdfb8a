"""The warehouse on a real DuckDB file: migrations, atomic sessions, checks, read-only readers."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from warehouse.checks import assert_checks, run_checks
from warehouse.connection import MEMORY_LIMIT_ENV, connect_reader, connect_writer
from warehouse.migrate import apply_views, migrate, refresh_views
from warehouse.session import write_session
from wiretrace.errors import DataCheckError, WarehouseBusyError


def _fresh(path: Path) -> None:
    con = connect_writer(path)
    migrate(con)
    apply_views(con)
    con.close()


def test_migrations_apply_once_and_views_exist(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    con = connect_writer(db)
    assert migrate(con) == [
        "0001_core",
        "0002_sources",
        "0003_inbox",
        "0004_run_status",
        "0005_parts",
        "0006_part_totals",
    ]
    assert migrate(con) == []
    apply_views(con)
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE schema_name = 'lineage'").fetchall()}
    assert {"articles", "stories", "edges", "attributions", "sources", "story_summary"} <= views
    assert all(n == 0 for n in run_checks(con).values())
    con.close()


def test_views_are_made_again_only_when_what_they_are_made_of_changed(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    with closing(connect_writer(db)) as con:
        assert refresh_views(con, db) is False  # made by _fresh from the same files, migrations and parts
        con.execute("ALTER TABLE wt.runs ADD COLUMN note VARCHAR")  # as a newer migration might
        assert refresh_views(con, db) is True
        assert refresh_views(con, db) is False


def test_failed_session_leaves_warehouse_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    before = db.read_bytes()
    with pytest.raises(RuntimeError), write_session(db, "r1") as work:
        con = connect_writer(work)
        con.execute("INSERT INTO wt.runs VALUES ('r1', NULL, now(), NULL, 'running', NULL, '{}', '{}', NULL, NULL)")
        con.close()
        raise RuntimeError("crash in the middle of a run")
    assert db.read_bytes() == before
    assert list(tmp_path.glob("*.tmp*")) == []


def test_successful_session_publishes_atomically(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    reader = duckdb.connect(str(db), read_only=True)  # a reader holding the old version open
    with write_session(db, "r2") as work:
        con = connect_writer(work)
        con.execute("INSERT INTO wt.runs VALUES ('r2', NULL, now(), NULL, 'ok', NULL, '{}', '{}', NULL, NULL)")
        con.close()
    assert reader.execute("SELECT count(*) FROM wt.runs").fetchone() == (0,)
    reader.close()
    fresh = connect_reader(db)
    assert fresh.execute("SELECT count(*) FROM wt.runs").fetchone() == (1,)


def test_second_writer_is_refused_while_first_holds_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with write_session(db, "a"), pytest.raises(WarehouseBusyError), write_session(db, "b", lock_timeout=0.5):
        pass


def test_data_checks_catch_two_primary_parents(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    con = connect_writer(db)
    for parent in ("Reuters", "AP"):
        con.execute("INSERT INTO wt.edges VALUES ('x', NULL, ?, 'rewrite', 0.5, true, '{}', 's', 'r')", [parent])
    with pytest.raises(DataCheckError, match="edges_not_one_primary"):
        assert_checks(con)
    con.close()


def test_reader_cannot_modify_anything(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _fresh(db)
    con = connect_reader(db)
    with pytest.raises(duckdb.Error):
        con.execute("CREATE TABLE wt.evil (x INTEGER)")
    with pytest.raises(duckdb.Error):
        con.execute(f"COPY (SELECT 1) TO '{tmp_path / 'out.csv'}'")
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")
    assert not (tmp_path / "out.csv").exists()


def test_writer_memory_limit_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "1GB")
    with closing(connect_writer(tmp_path / "w.duckdb")) as con:
        assert con.execute("SELECT current_setting('memory_limit')").fetchone() == ("953.6 MiB",)
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "lots")
    with pytest.raises(ValueError, match="WIRETRACE_DUCKDB_MEMORY_LIMIT='lots'"):
        connect_writer(tmp_path / "other.duckdb")
