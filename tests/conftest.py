"""Shared fixtures: the project's paths, the seeds, and Prefect configured for tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_001 = "001_0a60103a4232d51d"
SEED_000 = "000_ad1eeff5598a23d9"

# Prefect in tests: a private home, no analytics, a generous ephemeral start-up timeout.
_PREFECT_HOME = tempfile.mkdtemp(prefix="wiretrace-prefect-")
os.environ.setdefault("PREFECT_HOME", _PREFECT_HOME)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def data_dir() -> Path:
    """Labelled data outside the project: ``$WIRETRACE_DATA_DIR`` or ``../shared/data``."""
    from workbench.datasets import data_dir as configured

    return configured()


@pytest.fixture(scope="session")
def prefect_harness():
    """One Prefect test server for the whole session (entering it takes ~10 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


def seed_text(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


@pytest.fixture
def local_server():
    """A scripted HTTP server on 127.0.0.1 (see tests/httpserver.py), one per test."""
    from tests.httpserver import LocalServer

    with LocalServer() as server:
        yield server
