"""The deployments of prefect.yaml on a real Prefect server, run by a real process worker.

Starts ``prefect server start`` on a free 127.0.0.1 port with a private PREFECT_HOME, creates the
work pool, deploys from prefect.yaml, checks that the scheduler creates the cron runs, and runs
both deployments through ``prefect worker start`` (a process worker) started outside the project folder
(so the pull step has to enter it). The warehouse must then hold the run, recorded with the
Prefect flow-run id the server gave it, and the maintenance run after it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEEDS
from warehouse.connection import connect_reader

pytestmark = pytest.mark.slow

PREFECT = str(Path(sys.executable).parent / "prefect")
POOL = "wiretrace"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    """Stop a child and everything it started (it leads its own process group)."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


class Server:
    """A running Prefect server and the environment its clients need."""

    def __init__(self, home: Path) -> None:
        self.url = f"http://127.0.0.1:{_free_port()}/api"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
            "PREFECT_HOME": str(home),
            "PREFECT_API_URL": self.url,
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
            "PREFECT_WORKER_QUERY_SECONDS": "1",
            "PREFECT_LOGGING_LEVEL": "INFO",
        }
        self.logs = home / "logs"
        self.logs.mkdir(parents=True)

    def cli(self, *args: str, cwd: Path = ROOT, timeout: float = 120) -> str:
        done = subprocess.run(
            [PREFECT, *args], cwd=cwd, env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert done.returncode == 0, f"prefect {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def spawn(self, name: str, *args: str, cwd: Path) -> subprocess.Popen[bytes]:
        with open(self.logs / f"{name}.log", "wb") as log:  # the child keeps its own descriptor
            return subprocess.Popen(
                [PREFECT, *args], cwd=cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def api(self, path: str, body: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            self.url + path,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="GET" if body is None else "POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"null")

    def wait_healthy(self, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert process.poll() is None, f"prefect server exited:\n{self.log('server')}"
            try:
                if self.api("/health") is True:
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise AssertionError(f"prefect server not healthy after {timeout} s:\n{self.log('server')}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(tmp_path / "prefect-home")
    port = srv.url.rsplit(":", 1)[1].split("/")[0]
    process = srv.spawn("server", "server", "start", "--host", "127.0.0.1", "--port", port, cwd=tmp_path)
    try:
        srv.wait_healthy(process)
        yield srv
    finally:
        _stop(process, signal.SIGINT)


def _run_deployment(server: Server, name: str, params: dict[str, object], timeout: float = 240) -> str:
    """Trigger a deployment run with ``prefect deployment run``, wait until the worker finished it; its id."""
    args = ["deployment", "run", name]
    for key, value in params.items():
        args += ["--param", f"{key}={json.dumps(value)}"]
    flow_run_id = UUID.findall(server.cli(*args))[-1]
    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        state = server.api(f"/flow_runs/{flow_run_id}")["state"]["type"]
        if state in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}:
            break
        time.sleep(1)
    assert state == "COMPLETED", f"{name} ended {state}:\n{server.log('worker')}"
    return flow_run_id


@pytest.fixture
def worker_cwd(server: Server, tmp_path: Path) -> Iterator[Path]:
    """A process worker on the work pool (limit 1), started in an empty folder outside the project."""
    server.cli("work-pool", "create", POOL, "--type", "process")
    server.cli("work-pool", "set-concurrency-limit", POOL, "1")
    cwd = tmp_path / "worker-cwd"
    cwd.mkdir()
    worker = server.spawn("worker", "worker", "start", "--pool", POOL, cwd=cwd)
    try:
        yield cwd
    finally:
        _stop(worker, signal.SIGINT)  # the process worker ignores SIGTERM


def test_deployments_run_on_a_prefect_server_through_a_worker(server: Server, worker_cwd: Path, tmp_path: Path) -> None:
    db = tmp_path / "warehouse" / "wiretrace.duckdb"
    # Deployment defaults point at the temporary warehouse, so a cron run that comes due writes there too.
    server.cli("--no-prompt", "deploy", "--name", "wiretrace-hourly", "--param", f"db={db}", "--param", "paths=[]")
    server.cli("--no-prompt", "deploy", "--name", "wiretrace-nightly-maintenance", "--param", f"db={db}")

    deployments = {d["name"]: d for d in server.api("/deployments/filter", {})}
    assert set(deployments) == {"wiretrace-hourly", "wiretrace-nightly-maintenance"}
    for deployment in deployments.values():
        assert deployment["global_concurrency_limit"]["limit"] == 1
        assert deployment["concurrency_options"]["collision_strategy"] == "ENQUEUE"
        assert deployment["pull_steps"] == [
            {"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}
        ]
    hourly = deployments["wiretrace-hourly"]["id"]
    deadline = time.monotonic() + 60
    scheduled: list[Any] = []
    while not scheduled and time.monotonic() < deadline:
        body = {"deployments": {"id": {"any_": [hourly]}}, "flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}}}
        scheduled = server.api("/flow_runs/filter", body)
        time.sleep(1)
    assert scheduled, "the scheduler created no cron runs for wiretrace-hourly"
    assert all(run["expected_start_time"][14:16] == "07" for run in scheduled)  # cron "7 * * * *"

    run_id = _run_deployment(server, "wiretrace-run/wiretrace-hourly", {"paths": [str(SEEDS)], "db": str(db)})
    with closing(connect_reader(db)) as con:
        runs = con.execute("SELECT flow_run_id, status, inputs FROM lineage.runs").fetchall()
        assert (run_id, "succeeded") in {(r[0], r[1]) for r in runs}
        assert con.execute("SELECT count(*) FROM lineage.articles").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM lineage.stories").fetchone() == (1,)

    maintain_id = _run_deployment(server, "wiretrace-maintain/wiretrace-nightly-maintenance", {"db": str(db)})
    with closing(connect_reader(db)) as con:
        row = con.execute(
            "SELECT status, parameters->>'flow' FROM lineage.runs WHERE flow_run_id = ?", [maintain_id]
        ).fetchone()
        assert row == ("succeeded", "wiretrace-maintain")
        assert con.execute("SELECT count(*) FROM lineage.articles").fetchone() == (2,)
    assert not list(worker_cwd.iterdir()), "a flow wrote into the worker's folder instead of the project's"
