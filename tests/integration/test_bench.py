"""The benchmark runs end to end on a small corpus, checks the peer's signatures, and reports every stage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.bench import main


def test_bench_reports_stages_and_identical_peer_signatures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--articles", "300", "--peer-sample", "120", "--batch-size", "64"]) == 0
    out = capsys.readouterr().out
    assert "signatures identical to datasketch: 120/120" in out
    assert "run on 120 of 300 articles" in out  # extrapolation is labelled
    ours = re.search(r"wiretrace: (\d+) candidate pairs, ([\d.]+) per article", out)
    assert ours is not None and int(ours.group(1)) > 0
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| stage")]
    names = [row.split("|")[1].strip() for row in rows]
    assert names[:8] == [
        "generate corpus",
        "python tokens (re.findall)",
        "kernel load (numba cache)",
        "texts to Arrow (pa.array)",
        "signatures (wiretrace)",
        "band keys (wiretrace)",
        "load keys into DuckDB",
        "candidate pairs (DuckDB SQL)",
    ]
    assert names[8] == "datasketch MinHash update_batch"
    assert names[9].startswith("datasketch MinHashLSH t=0.1 (b=64, r=2)")


def test_bench_writes_its_own_warehouse_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "bench.duckdb"
    assert main(["--articles", "150", "--no-peer", "--db", str(db)]) == 0
    assert db.exists()
    assert "datasketch" not in capsys.readouterr().out
    assert main(["--articles", "150", "--db", str(db)]) == 2  # never overwrites a file
