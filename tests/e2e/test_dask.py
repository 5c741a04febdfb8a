"""The signature stage on a real Dask cluster (scheduler + two workers on 127.0.0.1) gives the local run's warehouse."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.run import wiretrace_run
from warehouse.connection import connect_reader
from workbench.synth import iter_articles, write_jsonl

pytestmark = pytest.mark.usefixtures("prefect_harness")
distributed = pytest.importorskip("distributed")

# Everything a run decides, without run ids and timestamps.
RESULTS = {
    "signatures": "SELECT article_id, params_id, n_shingles, minhash FROM wt.signatures",
    "band_keys": "SELECT params_id, band, key, article_id FROM wt.band_keys",
    "articles": "SELECT article_id, story_id FROM lineage.articles",
    "edges": "SELECT article_id, parent_article_id, parent_source, relation, confidence, is_primary FROM lineage.edges",
    "stories": "SELECT story_id, root_article_id, wire_source, n_articles FROM lineage.stories",
}


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
        client = distributed.Client(address, timeout=60)
        client.wait_for_workers(2, timeout=120)
        yield address, client
        client.close()
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


def _results(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = connect_reader(db)
    try:
        return {name: sorted(map(tuple, con.execute(q).fetchall()), key=repr) for name, q in RESULTS.items()}
    finally:
        con.close()


def test_dask_run_equals_local_run(
    dask_cluster: tuple[str, distributed.Client], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address, client = dask_cluster
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(iter_articles(60, seed=4), corpus)
    monkeypatch.setattr("flows.sign_dask.DEFAULT_CHUNK", 25)  # several chunks, so both workers sign some
    monkeypatch.setattr("flows.sign_dask.IN_FLIGHT", 2)  # more chunks than may be on the cluster at once

    local = wiretrace_run(paths=[str(corpus)], db=str(tmp_path / "local.duckdb"))
    on_dask = wiretrace_run(paths=[str(corpus)], db=str(tmp_path / "dask.duckdb"), dask_address=address)

    assert on_dask["signed"] == local["signed"] > 50
    executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert len(executed) == 2 and sum(executed.values()) >= local["signed"] // 25
    assert _results(tmp_path / "dask.duckdb") == _results(tmp_path / "local.duckdb")
