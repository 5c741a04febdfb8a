"""Readers never block the writer and never see a half-written run; ``wiretrace sql`` changes nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli.commands import main
from tests.conftest import ROOT
from tests.e2e.prefect_server import Server
from tests.e2e.readers import state_key
from tests.e2e.states import snapshot

WIRETRACE = str(Path(sys.executable).parent / "wiretrace")


def _reader(mode: str, db: Path, stop: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.readers", mode, str(db), str(stop)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    ready = process.stdout.readline()  # the reader has the warehouse open
    assert ready.strip() == "ready", process.stderr.read() if process.stderr else ready
    return process


def _result(process: subprocess.Popen[str]) -> dict[str, object]:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


@pytest.mark.slow
def test_reader_held_open_during_a_run_sees_old_state_then_new_state(
    prefect_server: Server, incremental_corpus: tuple[Path, Path], baseline_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "wiretrace.duckdb"
    shutil.copyfile(baseline_db, db)
    before = state_key(snapshot(db))
    stop = tmp_path / "stop"
    holder = _reader("hold", db, stop)
    poller = _reader("poll", db, stop)
    try:
        writer = subprocess.run(
            [WIRETRACE, "run", str(incremental_corpus[1]), "--db", str(db)],
            env={**prefect_server.env, "PREFECT_LOGGING_LEVEL": "WARNING"},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert writer.returncode == 0, writer.stderr
        assert holder.poll() is None and poller.poll() is None, "a reader died while the run wrote"
        time.sleep(0.2)  # let the poller read the published state at least once more
    finally:
        stop.touch()
    held, polled = _result(holder), _result(poller)
    after = state_key(snapshot(db))
    assert after != before
    # The open connection kept reading the state it opened, start to end; re-opened, the new one.
    assert held["seen"] == [before]
    assert held["reopened"] == after
    # Connections opened at any moment of the run saw the old state, then the new one, nothing else.
    assert polled["seen"] == [before, after]
    assert isinstance(held["reads"], int) and held["reads"] > 1
    assert isinstance(polled["reads"], int) and polled["reads"] > 2


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("INSERT INTO wt.quarantine VALUES ('f', 'r', 'x', NULL, 'r1', now())", "read-only"),
        ("UPDATE wt.articles SET title = 'changed'", "read-only"),
        ("DELETE FROM wt.articles", "read-only"),
        ("SELECT 1; DELETE FROM wt.edges", "read-only"),
        ("CREATE TABLE wt.evil (x INTEGER)", "read-only"),
        ("CREATE VIEW lineage.evil AS SELECT 1", "read-only"),
        ("DROP VIEW lineage.stories", "read-only"),
        ("ALTER TABLE wt.articles RENAME TO gone", "read-only"),
        ("ATTACH '{tmp}/other.duckdb' AS other", "disabled by configuration"),
        ("COPY wt.articles TO '{tmp}/out.csv'", "disabled by configuration"),
        ("EXPORT DATABASE '{tmp}/export'", "disabled by configuration"),
        ("SELECT * FROM read_csv('{tmp}/secret.csv')", "disabled by configuration"),
        ("SELECT * FROM '{tmp}/secret.csv'", "disabled by configuration"),
        ("SELECT content FROM read_text('{tmp}/secret.csv')", "disabled by configuration"),
        ("SET enable_external_access = true", "locked"),
        ("RESET lock_configuration", "locked"),
        ("INSTALL httpfs", "disabled by configuration"),
        ("LOAD httpfs", "disabled through configuration"),
    ],
)
def test_wiretrace_sql_cannot_modify_or_read_outside(
    query: str, reason: str, baseline_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "wiretrace.duckdb"
    shutil.copyfile(baseline_db, db)
    (tmp_path / "secret.csv").write_text("token\nsecret-value\n", encoding="utf-8")
    before = _digest(db)
    files = sorted(tmp_path.iterdir())

    assert main(["sql", query.format(tmp=tmp_path), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert err.startswith("wiretrace: ") and reason in err, err
    assert "secret-value" not in out
    assert _digest(db) == before
    assert sorted(tmp_path.iterdir()) == files
    assert main(["sql", "SELECT count(*) AS n FROM lineage.articles", "--db", str(db)]) == 0
