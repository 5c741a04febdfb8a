"""Warehouses built once per session by the real flow: the seeds, and seeds plus a synthetic corpus."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from wiretrace.synth import DEFAULT_START, generate_corpus, write_jsonl


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    """The bundled seeds after one run: one Reuters story, root 001, 000 a rewrite of it."""
    from flows.run import wiretrace_run

    db = tmp_path_factory.mktemp("seeds-warehouse") / "wiretrace.duckdb"
    wiretrace_run(db=str(db))
    return db


@pytest.fixture(scope="session")
def synthetic_warehouse(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    """The seeds, then 40 synthetic stories published over two weeks (two runs)."""
    from flows.run import wiretrace_run

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
