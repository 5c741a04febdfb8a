"""Lint, format and type checks run with the tests, so CI fails on them too."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

CODE = ["wiretrace", "tasks", "flows", "warehouse", "dashboard", "workbench", "cli", "tests", "benchmarks"]


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", *CODE],
        [sys.executable, "-m", "ruff", "format", "--check", *CODE],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_static_check(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _ruff_on(path: str, source: str) -> subprocess.CompletedProcess[str]:
    """ruff's import rules (TID251) on ``source`` as if it were the file ``path``."""
    command = [sys.executable, "-m", "ruff", "check", "--select", "TID251", "--stdin-filename", path, "-"]
    return subprocess.run(command, cwd=ROOT, input=source, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("path", "source", "banned"),
    [
        ("wiretrace/probe.py", "import prefect\n", "prefect"),
        ("wiretrace/probe.py", "from duckdb import connect\n", "duckdb"),
        ("wiretrace/probe.py", "import httpx\n", "httpx"),
        ("wiretrace/probe.py", "from warehouse.connection import sql\n", "warehouse"),
        ("tasks/probe.py", "from workbench.synth import iter_articles\n", "workbench"),
        ("flows/probe.py", "from benchmarks.bench import main\n", "benchmarks"),
    ],
)
def test_import_rules_of_the_layers_fail_the_lint(path: str, source: str, banned: str) -> None:
    """The core's purity and the product's independence from the workbench are lint errors."""
    result = _ruff_on(path, source)
    assert result.returncode == 1 and f"`{banned}` is banned" in result.stdout, result.stdout + result.stderr


def test_the_product_may_import_duckdb_outside_the_core() -> None:
    result = _ruff_on("tasks/probe.py", "import duckdb\n")
    assert result.returncode == 0, result.stdout
