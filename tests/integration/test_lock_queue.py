"""The writer lock's queue with real processes: first come, first served; a killed waiter blocks no one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import warehouse.session
from tests.conftest import ROOT
from warehouse.session import pending_crashes, queue_dir, write_session

# One writer: take the lock (waiting in line), note the name, hold until the release file exists.
WRITER = """
import pathlib, sys, time
from warehouse.session import write_session
db, name, order, release = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
with write_session(db, name, lock_timeout=300):
    with open(order, "a") as f:
        f.write(name + "\\n")
    while not release.exists():
        time.sleep(0.05)
"""


def _tickets(db: Path) -> int:
    return len(list(queue_dir(db).glob("ticket-*.json")))


def _wait(condition: object, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_waiters_are_served_in_arrival_order_and_a_killed_waiter_is_skipped(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    order, release, go = tmp_path / "order.txt", tmp_path / "release", tmp_path / "go"
    release.touch()  # waiters let go at once; the first holder waits for `go`
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs: dict[str, subprocess.Popen[bytes]] = {}

    def start(name: str, release_file: Path) -> None:
        procs[name] = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), name, str(order), str(release_file)],
            env=env,
            stderr=open(tmp_path / f"{name}.err", "wb"),  # noqa: SIM115 - the child keeps its own descriptor
            start_new_session=True,
        )

    try:
        start("holder", go)
        _wait(lambda: order.exists() and order.read_text() == "holder\n", "the holder")
        for n, name in enumerate(["first", "killed", "second", "third"], start=1):
            start(name, release)
            _wait(lambda n=n: _tickets(db) == n, f"{name}'s ticket")
        os.killpg(procs["killed"].pid, signal.SIGKILL)
        procs["killed"].wait(timeout=30)
        _wait(lambda: "waiting" in (tmp_path / "first.err").read_text(), "a wait notice")
        go.touch()
        for name in ("first", "second", "third"):
            assert procs[name].wait(timeout=120) == 0, (tmp_path / f"{name}.err").read_text()
    finally:
        for p in procs.values():
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
    assert order.read_text().split() == ["holder", "first", "second", "third"]
    notice = (tmp_path / "first.err").read_text()
    assert f"held by run holder (pid {procs['holder'].pid} on " in notice and " since 20" in notice
    crashes = {c.run_id: c for c in pending_crashes(db)}
    assert list(crashes) == ["killed"] and "died waiting for the writer lock" in crashes["killed"].error
    assert _tickets(db) == 0


def test_a_waiter_repeats_who_holds_the_lock_and_gives_up_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warehouse.session, "WAIT_NOTICE_SECONDS", 0.2)
    db = tmp_path / "w.duckdb"
    held, done = threading.Event(), threading.Event()

    def hold() -> None:
        with write_session(db, "r-holder"):
            held.set()
            done.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(30)
    notices: list[str] = []
    try:
        with (
            pytest.raises(Exception, match=r"held|writing") as raised,
            write_session(db, "r-waiter", lock_timeout=2.5, notify=notices.append),
        ):
            pass
    finally:
        done.set()
        holder.join(30)
    assert "r-holder" in str(raised.value)
    assert len(notices) >= 3 and all("held by run r-holder" in n for n in notices)
    assert pending_crashes(db) == []  # a clean release leaves no crash behind
    with write_session(db, "r-after"):
        pass
    assert pending_crashes(db) == []
