"""The maintenance flow on a real warehouse: same content, smaller file, leftovers gone, one writer."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest

from flows.maintain import wiretrace_maintain
from flows.run import wiretrace_run
from tests.e2e.states import snapshot
from warehouse.connection import connect_reader
from warehouse.session import write_session
from wiretrace.errors import WarehouseBusyError

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_maintenance_compacts_keeps_every_row_and_removes_leftovers(
    baseline_db: Path, incremental_corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "wiretrace.duckdb"
    shutil.copyfile(baseline_db, db)
    leftovers = [db.with_name(f"{db.name}.run-r-killed.tmp"), db.with_name(f"{db.name}.run-r-killed.tmp.wal")]
    for path in leftovers:
        path.write_bytes(b"left by a killed run")
    spill = db.with_name(f"{db.name}.run-r-killed.tmp.tmp")
    spill.mkdir()
    (spill / "duckdb_temp_block-1.block").write_bytes(b"spilled")
    before = snapshot(db, stable=True)
    size_before = db.stat().st_size

    result = wiretrace_maintain(db=str(db))

    assert result["status"] == "succeeded"
    assert result["bytes_before"] == size_before
    assert db.stat().st_size < size_before  # blocks a run freed (rewritten stories, edges) are gone
    assert snapshot(db, stable=True) == before
    assert not list(tmp_path.glob("*.run-*")), "leftovers of killed runs are still there"
    assert result["bytes_after"] == db.stat().st_size
    with closing(connect_reader(db)) as con:
        row = con.execute(
            "SELECT status, flow_run_id IS NOT NULL, (counts->>'bytes_before')::BIGINT FROM lineage.runs "
            "WHERE parameters->>'flow' = 'wiretrace-maintain'"
        ).fetchall()
    assert row == [("succeeded", True, size_before)]
    # The compacted warehouse takes the next incremental run.
    summary = wiretrace_run(paths=[str(incremental_corpus[1])], db=str(db))
    assert summary["new_articles"] > 0


def test_maintenance_waits_for_the_writer_lock_and_gives_up_cleanly(baseline_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "wiretrace.duckdb"
    shutil.copyfile(baseline_db, db)
    before = db.read_bytes()
    with write_session(db, "r-other-writer"), pytest.raises(WarehouseBusyError):
        wiretrace_maintain(db=str(db), lock_timeout=0.5)
    assert db.read_bytes() == before


def test_maintenance_without_a_warehouse_does_nothing(tmp_path: Path) -> None:
    result = wiretrace_maintain(db=str(tmp_path / "none.duckdb"))
    assert result["status"] == "no warehouse"
    assert list(tmp_path.iterdir()) == []
