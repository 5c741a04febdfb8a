"""Alerts on a real Prefect server: the repo's automations fire a webhook for Failed and Crashed wiretrace runs.

A poll of a feed nobody serves ends Failed (exit 3) and the wiretrace-failed automation POSTs to a
webhook served by the test. A ``wiretrace run`` killed with SIGKILL while it holds the writer lock
stays Running in Prefect until the next run finds its signed lock: that run records it as crashed in
``lineage.runs`` and marks its flow run Crashed, and the wiretrace-crashed automation POSTs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.e2e.prefect_server import Server, free_port
from warehouse.connection import connect_reader

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
WIRETRACE = str(BIN / "wiretrace")


class Webhook:
    """A tiny HTTP server on 127.0.0.1 that keeps every JSON body POSTed to it."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        received = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                received.append(json.loads(self.rfile.read(length) or b"{}"))
                self.send_response(200)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, text: str, timeout: float = 180) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for body in list(self.bodies):
                if text in json.dumps(body):
                    return body
            time.sleep(0.5)
        raise AssertionError(f"no alert mentioning {text!r} after {timeout} s; received {self.bodies}")


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    try:
        yield hook
    finally:
        hook.server.shutdown()


def _state(server: Server, flow_run_id: str) -> str:
    return str(server.api(f"/flow_runs/{flow_run_id}")["state"]["type"])


def _runs(db: Path) -> dict[str, tuple[str, str | None, str | None]]:
    with closing(connect_reader(db)) as con:
        rows = con.execute("SELECT run_id, status, flow_run_id, error FROM lineage.runs").fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _wiretrace(server: Server, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [WIRETRACE, *args], env=server.env, capture_output=True, text=True, timeout=600, check=False, cwd=ROOT
    )


def test_automations_alert_on_failed_and_crashed_runs(
    prefect_server: Server, webhook: Webhook, incremental_corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    installed = subprocess.run(
        [sys.executable, "-m", "flows.alerts", "--webhook-url", webhook.url],
        env=prefect_server.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    names = {a["name"] for a in prefect_server.api("/automations/filter", {})}
    assert {"wiretrace-failed", "wiretrace-crashed", "wiretrace-late", "wiretrace-stuck"} <= names

    # A poll of a feed on a port nothing listens on: nothing usable, exit 3, flow run Failed, alert.
    db = tmp_path / "w.duckdb"
    poll = _wiretrace(prefect_server, "poll", f"http://127.0.0.1:{free_port()}/feed.xml", "--db", str(db))
    assert poll.returncode == 3, poll.stdout + poll.stderr
    assert "all 1 requests failed (connection failed (ConnectError) 1)" in poll.stderr
    ((status, flow_run_id, error),) = _runs(db).values()
    assert status == "failed" and flow_run_id and "lineage.fetch_log" in str(error)
    assert _state(prefect_server, flow_run_id) == "FAILED"
    alert = webhook.wait_for(flow_run_id)
    assert "failed" in alert["subject"] and "wiretrace-poll" in alert["subject"]

    # A run killed with SIGKILL while it holds the writer lock.
    lock = db.with_name(db.name + ".lock")
    env = {**prefect_server.env, "PREFECT_LOGGING_LEVEL": "WARNING"}
    victim = subprocess.Popen(
        [WIRETRACE, "run", str(incremental_corpus[1]), "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    holder: dict[str, Any] = {}
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and victim.poll() is None:
        try:
            holder = json.loads(lock.read_text() or "{}")
        except ValueError:
            holder = {}
        if holder.get("pid") == victim.pid and list(db.parent.glob(f"{db.name}.run-*.tmp")):
            break
        time.sleep(0.05)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=60)
    assert holder.get("pid") == victim.pid and holder.get("flow_run_id"), "the run never signed the lock"
    killed_flow_run = str(holder["flow_run_id"])
    assert _state(prefect_server, killed_flow_run) == "RUNNING"  # nobody else knows it died

    after = _wiretrace(prefect_server, "run", "--db", str(db))
    assert after.returncode == 0, after.stdout + after.stderr
    status, recorded_flow_run, error = _runs(db)[holder["run_id"]]
    assert status == "crashed" and recorded_flow_run == killed_flow_run
    assert f"process {victim.pid}" in str(error)
    assert _state(prefect_server, killed_flow_run) == "CRASHED"
    alert = webhook.wait_for(killed_flow_run)
    assert "crashed" in alert["subject"]
