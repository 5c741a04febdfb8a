"""A run's worker processes end when the run's process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

WORKER = """
import os, sys, time
from tasks._pool import process_pool
from tests.integration.test_pool import worker_pid

if __name__ == "__main__":
    pool = process_pool(2)
    pids = set()
    while len(pids) < 2:  # both workers started and running jobs
        pids |= set(pool.map(worker_pid, range(8)))
    print(*sorted(pids), flush=True)
    time.sleep(600)
"""


def worker_pid(_: int) -> int:
    time.sleep(0.05)
    return os.getpid()


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status  # a zombie has ended; only its parent's wait is missing


def test_workers_exit_when_the_run_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "run_pool.py"
    script.write_text(WORKER)
    root = Path(__file__).resolve().parents[2]
    run = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert run.stdout is not None
        workers = [int(pid) for pid in run.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(pid) for pid in workers)
    finally:
        run.kill()
