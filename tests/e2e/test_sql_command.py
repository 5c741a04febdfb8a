"""`wiretrace sql` as people use it: bound parameters, exports, long values, a closed pipe."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cli.commands import MAX_CELL, main
from tests.conftest import SEED_000, SEED_001

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("sql") / "w.duckdb")
    assert main(["run", "--db", path]) == 0
    return path


def test_params_bind_text_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    query = "SELECT article_id FROM lineage.articles WHERE article_id = $id OR article_id = ANY($more) LIMIT $n"
    args = ["sql", "--db", db, "--format", "csv", query, "--param", f"id={SEED_000}"]
    assert main([*args, "--param", f'more:=["{SEED_001}"]', "--param", "n:=5"]) == 0
    assert sorted(capsys.readouterr().out.splitlines()[1:]) == sorted([SEED_000, SEED_001])
    assert main(["sql", "--db", db, "SELECT 1", "--param", "no-equals"]) == 2
    assert main(["sql", "--db", db, "SELECT $x", "--param", "x:=[1,"]) == 2
    assert "not JSON" in capsys.readouterr().err


def test_csv_has_lf_line_ends_and_json_lines_are_objects(db: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    capsysbinary.readouterr()
    assert main(["sql", "--db", db, "--format", "csv", "SELECT 1 AS a, 'x' AS b"]) == 0
    assert capsysbinary.readouterr().out == b"a,b\n1,x\n"
    query = "SELECT article_id, published_at, 'ab'::BLOB AS payload FROM lineage.articles ORDER BY 1"
    assert main(["sql", "--db", db, "--format", "json", query]) == 0
    rows = [json.loads(line) for line in capsysbinary.readouterr().out.decode().splitlines()]
    assert [r["article_id"] for r in rows] == sorted([SEED_000, SEED_001])
    assert all(r["payload"] == "YWI=" for r in rows)  # bytes as base64


def test_parquet_goes_to_a_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "articles.parquet"
    assert main(["sql", "--db", db, "--format", "parquet", "SELECT * FROM lineage.articles"]) == 2  # needs --output
    assert main(["sql", "--db", db, "--format", "parquet", "--output", str(out), "SELECT * FROM lineage.articles"]) == 0
    assert pq.read_table(out).num_rows == 2


def test_table_cuts_long_values_and_shows_blobs_by_size(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["sql", "--db", db, "SELECT text, 'abc'::BLOB AS b FROM lineage.article_versions"]) == 0
    lines = capsys.readouterr().out.splitlines()
    body = lines[2:-1]
    assert len(body) == 2 and all("<3 bytes>" in line for line in body)
    assert all("…" in line and len(line) <= MAX_CELL + len("  <3 bytes>") for line in body)


def test_a_closed_pipe_ends_quietly(db: str) -> None:
    command = [sys.executable, "-m", "cli", "sql", "--db", db, "SELECT * FROM range(200000)"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # the reader goes away, as `| head -1` does
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 0
    assert b"BrokenPipe" not in err and b"Traceback" not in err
