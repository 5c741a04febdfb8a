"""The heavy stages on a real Dask cluster (scheduler + two workers on 127.0.0.1) give the local run's warehouse."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest

import flows.dask_stages
import tasks.ingest
import tasks.lineage
import tasks.sign
import tasks.verify
from flows.run import SEEDS, wiretrace_run
from tests.e2e.states import snapshot
from warehouse.connection import connect_reader
from wiretrace.errors import InputError
from workbench.synth import generate_corpus, write_jsonl

pytestmark = pytest.mark.usefixtures("prefect_harness")
distributed = pytest.importorskip("distributed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def dask_cluster(prefect_harness: None) -> Iterator[tuple[str, distributed.Client]]:
    """A scheduler and two single-threaded workers, subprocesses of this venv, reporting to the test's Prefect API."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    bin_dir = Path(sys.executable).parent
    procs = [
        subprocess.Popen(
            [bin_dir / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    procs += [
        subprocess.Popen(
            [bin_dir / "dask", "worker", address, "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        # Not the default client: the run must reach the scheduler by its address, as from the command line.
        client = distributed.Client(address, timeout=60, set_as_default=False)
        client.wait_for_workers(2, timeout=120)
        yield address, client
        client.close()
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


def _task_runs_by_kind(db: Path, run_id: str) -> Counter[str]:
    """How many task runs of each kind (name without its random suffix) Prefect recorded for the run."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    con = connect_reader(db)
    try:
        row = con.execute("SELECT flow_run_id FROM lineage.runs WHERE run_id = $r", {"r": run_id}).fetchone()
    finally:
        con.close()
    assert row is not None and row[0]
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[UUID(str(row[0]))])))
    return Counter(r.name.rsplit("-", 1)[0] for r in runs)


def test_all_heavy_stages_on_dask_give_the_local_run_tables(
    dask_cluster: tuple[str, distributed.Client], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address, client = dask_cluster
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(generate_corpus(60, seed=31).articles, corpus)
    inputs = [str(SEEDS), str(corpus)]

    local = wiretrace_run(paths=inputs, db=str(tmp_path / "local.duckdb"))  # one process: below every pool threshold

    # Small chunks, so that every stage splits into more chunks than the cluster has workers.
    monkeypatch.setattr(tasks.ingest, "CLUSTER_CHUNK", 20)
    monkeypatch.setattr(tasks.sign, "CLUSTER_CHUNK", 25)
    monkeypatch.setattr(tasks.verify, "SEGMENT_MAX_PAIRS", 25)
    monkeypatch.setattr(tasks.lineage, "STORIES_PER_BATCH", 7)
    before = client.run(lambda dask_worker: dask_worker.state.executed_count)
    on_dask = wiretrace_run(paths=inputs, db=str(tmp_path / "dask.duckdb"), dask_address=address)
    after = client.run(lambda dask_worker: dask_worker.state.executed_count)

    assert local["new_articles"] > 150 and local["verified_pairs"] > 50 and local["stories_touched"] > 3 * 7
    assert snapshot(tmp_path / "dask.duckdb", stable=True) == snapshot(tmp_path / "local.duckdb", stable=True)
    volatile = {"run_id", "db"}
    assert {k: v for k, v in on_dask.items() if k not in volatile} == {
        k: v for k, v in local.items() if k not in volatile
    }
    # Each stage ran as several task runs of the dask run's flow run, on both workers; none of the local run's did.
    kinds = _task_runs_by_kind(tmp_path / "dask.duckdb", on_dask["run_id"])
    articles = local["new_articles"]
    assert kinds["normalise-chunk"] == 2 * -(-articles // 20)  # normalise_articles maps twice
    assert kinds["sign-chunk"] == -(-articles // 25)
    assert kinds["verify-segment"] == -(-local["candidate_pairs"] // 25)
    assert kinds["lineage-batch"] == -(-local["stories_touched"] // 7)
    assert not {"normalise-chunk", "sign-chunk", "verify-segment", "lineage-batch"} & set(
        _task_runs_by_kind(tmp_path / "local.duckdb", local["run_id"])
    )
    ran = {worker: after[worker] - before.get(worker, 0) for worker in after}
    assert len(ran) == 2 and all(n > 0 for n in ran.values())
    assert sum(ran.values()) == sum(
        kinds[k] for k in ("normalise-chunk", "sign-chunk", "verify-segment", "lineage-batch")
    )


def test_a_wrong_dask_address_fails_the_run_naming_it_and_leaves_the_warehouse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    wiretrace_run(db=str(db))
    before = snapshot(db, stable=True)
    monkeypatch.setattr(flows.dask_stages, "CONNECT_TIMEOUT", 3)
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    with pytest.raises(InputError, match=f"cannot reach the Dask scheduler at {address}"):
        wiretrace_run(db=str(db), dask_address=address)
    assert snapshot(db, stable=True) == before
