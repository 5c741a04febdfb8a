"""Fixtures of the end-to-end tests: warehouses built once per session by the real flow (the seeds,
and seeds plus a synthetic corpus), one real Prefect server per session, an incremental corpus."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from flows.run import wiretrace_run
from tests.e2e.prefect_server import Server, stop
from workbench.synth import DEFAULT_START, generate_corpus, iter_articles, stories_for_articles, write_jsonl


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    """The bundled seeds after one run: one Reuters story, root 001, 000 a rewrite of it."""
    db = tmp_path_factory.mktemp("seeds-warehouse") / "wiretrace.duckdb"
    wiretrace_run(db=str(db))
    return db


@pytest.fixture(scope="session")
def synthetic_warehouse(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    """The seeds, then 40 synthetic stories published over two weeks (two runs)."""
    folder = tmp_path_factory.mktemp("synthetic-warehouse")
    articles = [
        a
        for i in range(4)
        for a in generate_corpus(
            10, seed=20 + i, start=DEFAULT_START + timedelta(days=4 * i), first_story=10 * i
        ).articles
    ]
    corpus = folder / "synthetic.jsonl"
    write_jsonl(articles, corpus)
    db = folder / "wiretrace.duckdb"
    wiretrace_run(db=str(db))
    wiretrace_run(paths=[str(corpus)], db=str(db))
    return db


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One real ``prefect server start`` on a free 127.0.0.1 port for the e2e tests that need one."""
    tmp_path = tmp_path_factory.mktemp("prefect-server")
    srv = Server(tmp_path / "prefect-home")
    process = srv.spawn("server", "server", "start", "--host", "127.0.0.1", "--port", str(srv.port), cwd=tmp_path)
    try:
        srv.wait_healthy(process)
        yield srv
    finally:
        stop(process, signal.SIGINT)


@pytest.fixture(scope="session")
def incremental_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A synthetic corpus of ~600 articles in two halves: (already stored, arriving in the next run)."""
    folder = tmp_path_factory.mktemp("corpus")
    n = stories_for_articles(600)
    stored, arriving = folder / "stored.jsonl", folder / "arriving.jsonl"
    write_jsonl(iter_articles(n // 2, seed=11), stored)
    write_jsonl(iter_articles(n - n // 2, seed=11, first_story=n // 2), arriving)
    return stored, arriving


@pytest.fixture(scope="session")
def baseline_db(
    prefect_harness: None, incremental_corpus: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A warehouse holding the first half of the corpus (copy it before writing to it)."""
    db = tmp_path_factory.mktemp("baseline") / "baseline.duckdb"
    wiretrace_run(paths=[str(incremental_corpus[0])], db=str(db))
    return db
