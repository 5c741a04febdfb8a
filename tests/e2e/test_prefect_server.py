"""The deployments of prefect.yaml on a real Prefect server, run by a real process worker.

Starts ``prefect server start`` on a free 127.0.0.1 port with a private PREFECT_HOME, creates the
work pool, deploys from prefect.yaml, checks that the scheduler creates the cron runs, and runs
both deployments through ``prefect worker start`` (a process worker) started outside the project folder
(so the pull step has to enter it). The warehouse must then hold the run, recorded with the
Prefect flow-run id the server gave it, and the maintenance run after it. And a fresh copy of the
project set up as the README says (`wiretrace init`, `deploy --all`): the hourly deployment takes a
file dropped into the inbox once, and the poll of the fresh feeds file completes.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEED_000, SEED_001, SEEDS
from tests.e2e.prefect_server import POOL, UUID, Server, stop
from warehouse.connection import connect_reader
from workbench.synth import generate_corpus, write_jsonl

pytestmark = pytest.mark.slow


def _run_deployment(prefect_server: Server, name: str, params: dict[str, object], timeout: float = 240) -> str:
    """Trigger a deployment run with ``prefect deployment run``, wait until the worker finished it; its id."""
    args = ["deployment", "run", name]
    for key, value in params.items():
        args += ["--param", f"{key}={json.dumps(value)}"]
    flow_run_id = UUID.findall(prefect_server.cli(*args))[-1]
    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        state = prefect_server.api(f"/flow_runs/{flow_run_id}")["state"]["type"]
        if state in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}:
            break
        time.sleep(1)
    assert state == "COMPLETED", f"{name} ended {state}:\n{prefect_server.log('worker')}"
    return flow_run_id


@pytest.fixture
def worker_cwd(prefect_server: Server, tmp_path: Path) -> Iterator[Path]:
    """A process worker on the work pool (limit 1), started in an empty folder outside the project."""
    prefect_server.cli("work-pool", "create", POOL, "--type", "process", "--overwrite")
    prefect_server.cli("work-pool", "set-concurrency-limit", POOL, "1")
    cwd = tmp_path / "worker-cwd"
    cwd.mkdir()
    worker = prefect_server.spawn("worker", "worker", "start", "--pool", POOL, cwd=cwd)
    try:
        yield cwd
    finally:
        stop(worker, signal.SIGINT)  # the process worker ignores SIGTERM


def test_deployments_run_on_a_prefect_server_through_a_worker(
    prefect_server: Server, worker_cwd: Path, tmp_path: Path
) -> None:
    db = tmp_path / "warehouse" / "wiretrace.duckdb"
    # Deployment defaults point at the temporary warehouse, so a cron run that comes due writes there too.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    prefect_server.cli(
        "--no-prompt", "deploy", "--name", "wiretrace-hourly", "--param", f"db={db}", "--param", f"inbox={inbox}"
    )
    prefect_server.cli("--no-prompt", "deploy", "--name", "wiretrace-nightly-maintenance", "--param", f"db={db}")

    deployments = {d["name"]: d for d in prefect_server.api("/deployments/filter", {})}
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
        scheduled = prefect_server.api("/flow_runs/filter", body)
        time.sleep(1)
    assert scheduled, "the scheduler created no cron runs for wiretrace-hourly"
    assert all(run["expected_start_time"][14:16] == "07" for run in scheduled)  # cron "7 * * * *"

    # The seeds (December 2024) and a few stories of January 2024, which the maintenance then freezes.
    january = tmp_path / "january.jsonl"
    old = generate_corpus(4, seed=7, start=datetime(2024, 1, 1, tzinfo=UTC)).articles
    write_jsonl(old, january)
    run_id = _run_deployment(
        prefect_server,
        "wiretrace-run/wiretrace-hourly",
        {"paths": [str(SEEDS), str(january)], "inbox": None, "db": str(db)},
    )
    with closing(connect_reader(db)) as con:
        runs = con.execute("SELECT flow_run_id, status, inputs FROM lineage.runs").fetchall()
        assert (run_id, "succeeded") in {(r[0], r[1]) for r in runs}
        assert con.execute("SELECT count(*) FROM lineage.articles").fetchone() == (2 + len(old),)

    maintain_id = _run_deployment(prefect_server, "wiretrace-maintain/wiretrace-nightly-maintenance", {"db": str(db)})
    with closing(connect_reader(db)) as con:
        row = con.execute(
            "SELECT status, parameters->>'flow' FROM lineage.runs WHERE flow_run_id = ?", [maintain_id]
        ).fetchone()
        assert row == ("succeeded", "wiretrace-maintain")
        assert con.execute("SELECT count(*) FROM lineage.articles").fetchone() == (2 + len(old),)
        # January left the hot part; the seeds' story (its undated rewrite) stays.
        assert [p[:7] for (p,) in con.execute("SELECT part_id FROM wt.parts").fetchall()] == ["p202401"]
        assert con.execute("SELECT count(*) FROM wt.articles").fetchone() == (2,)
    assert not list(worker_cwd.iterdir()), "a flow wrote into the worker's folder instead of the project's"


#: What a fresh clone does not have (and what a run or `wiretrace init` leaves in the project folder).
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*_cache",
    "*.egg-info",
    "*.duckdb",
    "*.duckdb.*",
    "inbox",
    "feeds.txt",
    "wiretrace.toml",
    "artifacts",
)


def _logged(prefect_server: Server, flow_run_id: str, text: str, timeout: float = 60) -> bool:
    """Whether the flow run logged ``text`` (its logs reach the server in batches, after its final state)."""
    body = {"logs": {"flow_run_id": {"any_": [flow_run_id]}}, "limit": 200}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(text in entry["message"] for entry in prefect_server.api("/logs/filter", body)):
            return True
        time.sleep(1)
    return False


def test_a_fresh_project_after_init_and_deploy_all_takes_each_inbox_file_once(
    prefect_server: Server, worker_cwd: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=NOT_IN_A_CLONE)
    wiretrace = Path(sys.executable).parent / "wiretrace"
    done = subprocess.run(
        [str(wiretrace), "init"], cwd=project, env=prefect_server.env, capture_output=True, text=True, check=True
    )
    assert "created inbox/" in done.stdout and (project / "feeds.txt").is_file()
    prefect_server.cli("--no-prompt", "deploy", "--all", cwd=project)
    deployments = {d["name"]: d for d in prefect_server.api("/deployments/filter", {})}
    assert deployments["wiretrace-hourly"]["parameters"] == {"inbox": "inbox", "db": "wiretrace.duckdb"}
    # No cron run may take the file before the runs triggered here (the schedules are tested above).
    prefect_server.cli("deployment", "schedule", "pause", "--all")
    db = project / "wiretrace.duckdb"

    for stem in (SEED_000, SEED_001):
        shutil.copy(SEEDS / f"{stem}.txt", project / "inbox")
    taking = _run_deployment(prefect_server, "wiretrace-run/wiretrace-hourly", {})
    with closing(connect_reader(db)) as con:
        [(run_id, status)] = con.execute(
            "SELECT run_id, status FROM lineage.runs WHERE flow_run_id = ?", [taking]
        ).fetchall()
        assert status == "succeeded"
        taken = con.execute("SELECT path, run_id FROM lineage.inbox_files ORDER BY path").fetchall()
        assert taken == [(str(project / "inbox" / f"{stem}.txt"), run_id) for stem in (SEED_000, SEED_001)]
        assert con.execute("SELECT count(*) FROM lineage.articles").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM lineage.stories").fetchone() == (1,)

    idle = _run_deployment(prefect_server, "wiretrace-run/wiretrace-hourly", {})
    assert _logged(prefect_server, idle, "nothing new (2 files already taken): no run"), prefect_server.log("worker")
    with closing(connect_reader(db)) as con:
        assert con.execute("SELECT count(*) FROM lineage.runs").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM lineage.runs WHERE flow_run_id = ?", [idle]).fetchone() == (0,)

    poll = _run_deployment(prefect_server, "wiretrace-poll/wiretrace-poll", {})
    assert _logged(prefect_server, poll, "no feeds configured in feeds.txt"), prefect_server.log("worker")
    with closing(connect_reader(db)) as con:
        assert con.execute("SELECT count(*) FROM lineage.runs").fetchone() == (1,)
    assert not list(worker_cwd.iterdir()), "a flow wrote into the worker's folder instead of the project's"
