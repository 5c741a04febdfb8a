"""Crash safety: ``wiretrace run`` killed with SIGKILL anywhere leaves the warehouse as it was.

A reference run of the arriving half of a corpus onto a warehouse holding the first half is timed
(when its working copy appears, when the copy is renamed over the warehouse). A first run warms the
caches (numba's compiled kernels, imports), so the timed reference is as fast as the runs it models.
Then the same run is started again from the same warehouse state and SIGKILLed (with its whole
process group, as a container kill would) at points spread over it: before the write session, as the
working copy appears, and at fractions of the reference's write session (copy appears → rename).
After each kill the warehouse must hold exactly its state before the run (same bytes, same
content of every wt/lineage relation); a kill that lands after the atomic rename must find the
complete run instead, never anything in between. Leftovers of each kill stay for the
next run, and a final run must clean them up, record the killed runs it finds as crashed, complete,
pass the data checks and end in the same state as the reference run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.prefect_server import Server
from tests.e2e.states import snapshot
from warehouse.checks import run_checks
from warehouse.connection import connect_reader

pytestmark = pytest.mark.slow

WIRETRACE = str(Path(sys.executable).parent / "wiretrace")
# Seven kill points in all; at least five must land before publishing. Late points can miss on a
# loaded machine (a run may go faster than the reference), hence two more points than needed.
WRITE_FRACTIONS = (0.1, 0.25, 0.4, 0.55, 0.75)


@dataclass
class Outcome:
    """What one run did: when its working copy appeared and went (renamed or removed), how it ended."""

    working_copy_at: float | None
    working_copy_gone_at: float | None
    returncode: int
    working_copy_left: bool


def _working_copies(db: Path) -> set[str]:
    return {p.name for p in db.parent.glob(f"{db.name}.run-*.tmp")}


def _run(
    server: Server, db: Path, inputs: Path, log: Path, *, kill_after: float | None = None, from_copy: bool = False
) -> Outcome:
    """Run ``wiretrace run inputs --db db``; SIGKILL it ``kill_after`` seconds after it starts (or, with
    ``from_copy``, after its working copy appears). Polls the folder every few ms meanwhile."""
    env = {**server.env, "PREFECT_LOGGING_LEVEL": "WARNING"}
    stale = _working_copies(db)
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [WIRETRACE, "run", str(inputs), "--db", str(db)], env=env, stdout=out, stderr=out, start_new_session=True
        )
    start = time.monotonic()
    copy_at: float | None = None
    gone_at: float | None = None
    try:
        while process.poll() is None and time.monotonic() - start < 600:
            now = time.monotonic() - start
            fresh = _working_copies(db) - stale
            if copy_at is None and fresh:
                copy_at = now
            elif copy_at is not None and gone_at is None and not fresh:
                gone_at = now
            anchor = copy_at if from_copy else 0.0
            if kill_after is not None and anchor is not None and now >= anchor + kill_after:
                break
            time.sleep(0.005)
    finally:
        if process.poll() is None:  # the kill point, or a run that hangs
            os.killpg(process.pid, signal.SIGKILL)
        returncode = process.wait(timeout=60)
    return Outcome(copy_at, gone_at, returncode, bool(_working_copies(db) - stale))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _runs(db: Path) -> list[tuple[str, str]]:
    with closing(connect_reader(db)) as con:
        return [(r[0], r[1]) for r in con.execute("SELECT run_id, status FROM wt.runs ORDER BY run_id").fetchall()]


def _failed_checks(db: Path) -> dict[str, int]:
    with closing(connect_reader(db)) as con:
        return {name: n for name, n in run_checks(con).items() if n}


def test_sigkill_at_any_point_leaves_the_warehouse_as_it_was(
    prefect_server: Server, incremental_corpus: tuple[Path, Path], baseline_db: Path, tmp_path: Path
) -> None:
    arriving = incremental_corpus[1]
    db = tmp_path / "wiretrace.duckdb"
    log = tmp_path / "runs.log"
    before_bytes, before = _digest(baseline_db), snapshot(baseline_db)
    before_runs = _runs(baseline_db)

    shutil.copyfile(baseline_db, db)
    warm_up = _run(prefect_server, db, arriving, log)
    assert warm_up.returncode == 0, log.read_text()
    shutil.copyfile(baseline_db, db)
    reference = _run(prefect_server, db, arriving, log)
    assert reference.returncode == 0, log.read_text()
    assert reference.working_copy_at is not None and reference.working_copy_gone_at is not None, log.read_text()
    after = snapshot(db, stable=True)
    write_phase = reference.working_copy_gone_at - reference.working_copy_at

    points: list[tuple[str, float, bool]] = [("before the write session", 0.5 * reference.working_copy_at, False)]
    points.append(("as the working copy appears", 0.0, True))
    points += [(f"{f:.0%} into the write phase", f * write_phase, True) for f in WRITE_FRACTIONS]
    rolled_back = 0
    for label, delay, from_copy in points:
        shutil.copyfile(baseline_db, db)  # the previous kill's leftovers stay beside it
        outcome = _run(prefect_server, db, arriving, log, kill_after=delay, from_copy=from_copy)
        assert outcome.returncode in (-signal.SIGKILL, 0), f"run killed {label} failed:\n{log.read_text()}"
        if outcome.returncode == 0:
            continue  # it finished before the kill landed (a slow reference run); nothing to check
        if _digest(db) == before_bytes:
            assert snapshot(db) == before, label
            rolled_back += 1
        else:
            # Only the atomic rename changes the file: the run must be complete, its copy gone.
            assert not outcome.working_copy_left, f"killed {label}: warehouse changed before it was published"
            assert snapshot(db, stable=True) == after, f"killed {label}: a half-written run is visible"
            # Earlier kills' runs are recorded as crashed by the run that found their leftovers.
            assert [s for _, s in _runs(db) if s != "crashed"] == [s for _, s in before_runs] + ["succeeded"]
    assert rolled_back >= 5, f"only {rolled_back} kills landed before the run was published"

    shutil.copyfile(baseline_db, db)
    final = _run(prefect_server, db, arriving, log)
    assert final.returncode == 0, log.read_text()
    assert not _working_copies(db), "leftovers of killed runs were not removed"
    assert not list(db.parent.glob(f"{db.name}.run-*")), "leftovers of killed runs were not removed"
    assert _failed_checks(db) == {}
    assert snapshot(db, stable=True) == after
    statuses = [s for _, s in _runs(db)]
    assert [s for s in statuses if s != "crashed"] == [s for _, s in before_runs] + ["succeeded"]
    assert "crashed" in statuses  # the killed runs whose leftovers it found
