"""The warehouse as a hot part plus frozen parts: the same tables as one file, whatever the runs do.

A corpus of four months arrives month by month; one warehouse is maintained after every run (its
settled months move into frozen parts), another never is. Then a late run brings articles of the
first month (its part is thawed) and a correction of a February article (its part is thawed on
load). Both warehouses must hold the same public tables at every step that matters.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from flows.maintain import wiretrace_maintain
from flows.restore import wiretrace_restore
from flows.run import wiretrace_run
from tests.e2e.prefect_server import Server
from tests.e2e.states import snapshot
from warehouse.checks import run_checks
from warehouse.connection import connect_reader, connect_writer, sql_files
from warehouse.parts import parts_dir
from workbench.synth import generate_corpus, write_jsonl

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

HOT_DAYS = 14
WIRETRACE = str(Path(sys.executable).parent / "wiretrace")


def _public(db: Path) -> dict[str, tuple[int, int]]:
    """The content of the public schema (run ids and wall-clock times left out)."""
    return {name: state for name, state in snapshot(db, stable=True).items() if name.startswith("lineage.")}


def _parts(db: Path) -> list[str]:
    with closing(connect_reader(db)) as con:
        return [p for (p,) in con.execute("SELECT part_id FROM wt.parts ORDER BY part_id").fetchall()]


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Four monthly files (January without every fifth article), the late January articles, and a
    corrected February article (same id and URL, changed text)."""
    folder = tmp_path_factory.mktemp("months")
    files: dict[str, Path] = {}
    late = []
    for month in (1, 2, 3, 4):
        articles = generate_corpus(
            12, seed=5, start=datetime(2024, month, 1, tzinfo=UTC), first_story=100 * month
        ).articles
        if month == 1:
            late = articles[::5]
            articles = [a for i, a in enumerate(articles) if i % 5]
        files[f"m{month}"] = folder / f"m{month}.jsonl"
        write_jsonl(articles, files[f"m{month}"])
    files["late"] = folder / "late.jsonl"
    write_jsonl(late, files["late"])
    record = json.loads(files["m2"].read_text().splitlines()[0])
    record["text"] += "\n\nThis article was corrected: an earlier version misnamed the ministry."
    files["correction"] = folder / "correction.jsonl"
    files["correction"].write_text(json.dumps(record) + "\n")
    return files


def test_frozen_parts_give_the_tables_of_one_file(
    months: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIRETRACE_KEEP_VERSIONS", "1")
    frozen, plain = tmp_path / "frozen.duckdb", tmp_path / "plain.duckdb"
    for name in ("m1", "m2", "m3", "m4"):
        wiretrace_run(paths=[str(months[name])], db=str(plain))
        wiretrace_run(paths=[str(months[name])], db=str(frozen))
        wiretrace_maintain(db=str(frozen), hot_days=HOT_DAYS)
    # January froze after March's run, February after April's; their articles left the hot part.
    assert [p[:7] for p in _parts(frozen)] == ["p202401", "p202402"]
    with closing(connect_reader(frozen)) as con:
        hot, total = con.execute("SELECT (SELECT count(*) FROM wt.articles), count(*) FROM lineage.articles").fetchone()
    assert 0 < hot < total
    assert _public(frozen) == _public(plain)

    late = wiretrace_run(paths=[str(months["late"])], db=str(frozen))
    plain_late = wiretrace_run(paths=[str(months["late"])], db=str(plain))
    assert late["parts_thawed"] == 1  # January only: February lies beyond the late articles' window
    assert [p[:7] for p in _parts(frozen)] == ["p202402"]
    assert _public(frozen) == _public(plain)
    assert _totals(late) == _totals(plain_late)  # the hot part's counts plus February's recorded totals

    # A kept version restores with its parts: the one before the late run still lists January's part.
    restored = wiretrace_restore(version="1", db=str(frozen))
    assert restored["articles"] == total
    assert [p[:7] for p in _parts(frozen)] == ["p202401", "p202402"]
    wiretrace_restore(version="1", db=str(frozen))  # undone: the late run's warehouse again
    assert [p[:7] for p in _parts(frozen)] == ["p202402"]
    assert _public(frozen) == _public(plain)

    corrected = wiretrace_run(paths=[str(months["correction"])], db=str(frozen))
    wiretrace_run(paths=[str(months["correction"])], db=str(plain))
    assert corrected["revised_articles"] == 1
    assert _parts(frozen) == []  # the corrected article's part came back to be recomputed
    assert _public(frozen) == _public(plain)

    # Maintenance freezes them again (new part ids); the old files go once no kept version lists them.
    old_files = sorted(p.name for p in parts_dir(frozen).iterdir())
    wiretrace_maintain(db=str(frozen), hot_days=HOT_DAYS)
    wiretrace_maintain(db=str(frozen), hot_days=HOT_DAYS)
    assert [p[:7] for p in _parts(frozen)] == ["p202401", "p202402"]
    assert sorted(p.name for p in parts_dir(frozen).iterdir()) == sorted(f"{p}.duckdb" for p in _parts(frozen))
    assert not set(old_files) & {p.name for p in parts_dir(frozen).iterdir()}
    assert _public(frozen) == _public(plain)

    # Re-running what is stored changes nothing, and thaws nothing (the articles are found in the parts).
    again = wiretrace_run(paths=[str(months["m1"]), str(months["m3"])], db=str(frozen))
    plain_again = wiretrace_run(paths=[str(months["m1"]), str(months["m3"])], db=str(plain))
    assert (again["new_articles"], again["already_stored"], again["parts_thawed"]) == (0, 61, 0)
    assert _public(frozen) == _public(plain)
    assert _totals(again) == _totals(plain_again)
    with closing(connect_reader(frozen)) as con:
        assert {n: c for n, c in run_checks(con, "whole").items() if c} == {}


#: README "Reading the warehouse": the statements that attach the parts, printed by the warehouse itself.
ATTACH_PARTS = (
    "SELECT format('ATTACH ''{0}.parts/{1}.duckdb'' AS {1} (READ_ONLY);', 'wiretrace.duckdb', part_id) FROM wt.parts"
)


def test_a_plain_duckdb_client_reads_the_whole_warehouse_with_the_documented_recipe(
    months: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "wiretrace.duckdb"
    for name in ("m1", "m2", "m3"):
        wiretrace_run(paths=[str(months[name])], db=str(db))
    wiretrace_maintain(db=str(db), hot_days=HOT_DAYS)
    assert _parts(db)
    assert ATTACH_PARTS in (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    with closing(connect_reader(db)) as con:
        expected = con.execute("SELECT count(*) FROM lineage.articles").fetchone()
    # A plain client in the warehouse's folder (relative paths resolve against the working directory).
    script = (
        "import duckdb, sys\n"
        "c = duckdb.connect('wiretrace.duckdb', read_only=True)\n"
        "for (attach,) in c.execute(sys.argv[1]).fetchall():\n"
        "    c.execute(attach)\n"
        "print(c.execute('SELECT count(*) FROM lineage.articles').fetchone()[0])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, ATTACH_PARTS], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert expected is not None and int(out.stdout) == expected[0]
    # Without the parts attached the public views say which catalog is missing.
    failed = subprocess.run(
        [sys.executable, "-c", script, "SELECT 'SELECT 1' WHERE false"], cwd=tmp_path, capture_output=True, text=True
    )
    assert failed.returncode != 0 and "p202401_" in failed.stderr


def test_an_existing_warehouse_of_the_one_file_layout_is_migrated_forward(
    months: dict[str, Path], tmp_path: Path
) -> None:
    """A warehouse as the code before frozen parts left it (no migration 0005, views over ``wt``):
    the next run migrates it, maintenance freezes its settled months, and its tables stay the same."""
    db, plain = tmp_path / "old.duckdb", tmp_path / "plain.duckdb"
    for name in ("m1", "m2", "m3"):
        wiretrace_run(paths=[str(months[name])], db=str(db))
        wiretrace_run(paths=[str(months[name])], db=str(plain))
    _downgrade_to_one_file_layout(db)
    with closing(connect_reader(db)) as con:
        assert con.execute("SELECT count(*) FROM wt.schema_migrations WHERE name = '0005_parts'").fetchone() == (0,)
    assert _public(db) == _public(plain)

    wiretrace_maintain(db=str(db), hot_days=HOT_DAYS)
    assert [p[:7] for p in _parts(db)] == ["p202401"]
    wiretrace_run(paths=[str(months["m4"])], db=str(db))
    wiretrace_run(paths=[str(months["m4"])], db=str(plain))
    assert _public(db) == _public(plain)


def test_parts_listed_before_their_totals_were_kept_are_counted_by_the_next_run(
    months: dict[str, Path], tmp_path: Path
) -> None:
    """Migration 0006 leaves the totals of parts already listed unknown: the next run counts them
    (reading just those parts) for its warehouse totals and records them."""
    db, plain = tmp_path / "frozen.duckdb", tmp_path / "plain.duckdb"
    for name in ("m1", "m2", "m3"):
        wiretrace_run(paths=[str(months[name])], db=str(db))
        wiretrace_run(paths=[str(months[name])], db=str(plain))
    wiretrace_maintain(db=str(db), hot_days=HOT_DAYS)
    with closing(connect_writer(db)) as con:
        recorded = con.execute("SELECT part_id, n_stories, n_primary_edges FROM wt.parts").fetchall()
        con.execute("UPDATE wt.parts SET n_stories = NULL, n_primary_edges = NULL")
    assert [r[0][:7] for r in recorded] == ["p202401"] and recorded[0][1] > 0 and recorded[0][2] > 0

    got = wiretrace_run(paths=[str(months["m4"])], db=str(db))
    want = wiretrace_run(paths=[str(months["m4"])], db=str(plain))
    assert _totals(got) == _totals(want)
    with closing(connect_reader(db)) as con:
        assert con.execute("SELECT part_id, n_stories, n_primary_edges FROM wt.parts").fetchall() == recorded


def _totals(summary: dict[str, object]) -> dict[str, object]:
    """The warehouse totals a run records with its counts."""
    return {name: value for name, value in summary.items() if name.startswith("total_")}


def _downgrade_to_one_file_layout(db: Path) -> None:
    """Make ``db`` what the code before migration 0005 wrote: no parts table, no ``whole`` schema, and
    the public views reading ``wt`` (their text then was today's with ``wt.`` for ``whole.``)."""
    with closing(connect_writer(db)) as con:
        con.execute("DROP SCHEMA whole CASCADE")
        con.execute("DROP TABLE wt.parts")
        con.execute("DROP TABLE wt.views_applied")
        con.execute("DELETE FROM wt.schema_migrations WHERE name IN ('0005_parts', '0006_part_totals')")
        for _, text in sql_files("views"):
            con.execute(text.replace("whole.", "wt."))


class _Reader:
    """A reader that opened the warehouse once and keeps its connection, in a process of its own."""

    SCRIPT = (
        "import sys\n"
        "from warehouse.connection import connect_reader\n"
        "con = connect_reader(sys.argv[1])\n"
        "for _ in sys.stdin:\n"
        "    print(con.execute('SELECT count(*) FROM lineage.articles').fetchone()[0], flush=True)\n"
    )

    def __init__(self, db: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", self.SCRIPT, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def count(self) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _part_files(db: Path) -> set[str]:
    folder = parts_dir(db)
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_maintenance_killed_while_writing_parts_leaves_the_warehouse_as_it_was(
    months: dict[str, Path], tmp_path: Path, prefect_server: Server
) -> None:
    """SIGKILL ``wiretrace maintain`` as soon as its first part file appears: the warehouse (bytes and
    content) is as before and lists no part; a reader opened before keeps reading; the next maintenance
    deletes the orphan file, freezes, and a run that thaws a part leaves that reader reading still."""
    db = tmp_path / "wiretrace.duckdb"
    for name in ("m1", "m2", "m3"):
        wiretrace_run(paths=[str(months[name])], db=str(db))
    before_bytes, before = _digest(db), snapshot(db)
    reader = _Reader(db)  # in a process of its own: DuckDB shares one instance per file and process
    try:
        seen = reader.count()
        env = {**prefect_server.env, "PREFECT_LOGGING_LEVEL": "WARNING"}
        command = [WIRETRACE, "maintain", "--db", str(db), "--hot-days", str(HOT_DAYS)]
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 300
        try:
            while process.poll() is None and not _part_files(db) and time.monotonic() < deadline:
                time.sleep(0.002)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            returncode = process.wait(timeout=60)
        assert returncode == -signal.SIGKILL, "maintenance finished before a part file appeared"
        orphans = _part_files(db)
        assert orphans, "the kill landed before any part file was written"
        assert _digest(db) == before_bytes and snapshot(db) == before
        assert _parts(db) == []

        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert [p[:7] for p in _parts(db)] == ["p202401"]
        assert not orphans & _part_files(db), "the killed maintenance's part file was not deleted"
        assert reader.count() == seen

        late = subprocess.run(
            [WIRETRACE, "run", str(months["late"]), "--db", str(db)],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert late.returncode == 0, late.stderr
        assert _parts(db) == []  # thawed; its file stays while a kept version lists it
        assert reader.count() == seen
    finally:
        reader.close()
    with closing(connect_reader(db)) as con:
        assert {n: c for n, c in run_checks(con, "whole").items() if c} == {}


def test_runs_into_times_one_run_into_each_warehouse_side_by_side(
    months: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``benchmarks.runs_into`` runs the same input into an empty warehouse and into a frozen one
    (its parts linked, not copied) and prints their stages side by side; the built warehouse is untouched."""
    from benchmarks.runs_into import main as runs_into

    db = tmp_path / "frozen.duckdb"
    for name in ("m1", "m2", "m3"):
        wiretrace_run(paths=[str(months[name])], db=str(db))
    wiretrace_maintain(db=str(db), hot_days=HOT_DAYS)
    before = _digest(db), _part_files(db)
    work = tmp_path / "runs"
    assert (
        runs_into(
            [str(months["m4"]), "--into", "empty", "--into", f"frozen={db}", "--repeat", "1", "--workdir", str(work)]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "| stage | empty-1 | frozen-1 |" in out
    assert re.search(r"\| candidate pairs \| [\d,.]+ \| [\d,.]+ \|", out)
    assert (_digest(db), _part_files(db)) == before
    assert sorted(p.name for p in work.iterdir()) == ["empty-1.log", "frozen-1.log"]
    assert "parts_thawed': 0" in (work / "frozen-1.log").read_text()
