"""The real Prefect flow on the seeds and on bad input, into a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.commands import main
from flows.run import wiretrace_run
from tests.conftest import SEED_000, SEED_001, SEEDS
from warehouse.connection import connect_reader

pytestmark = pytest.mark.usefixtures("prefect_harness")

TABLES = (
    "articles",
    "quotes",
    "attributions",
    "quarantine",
    "signatures",
    "band_keys",
    "pairs",
    "stories",
    "story_members",
    "story_merges",
    "edges",
)


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = connect_reader(db)
    try:
        return {t: sorted(map(tuple, con.execute(f"SELECT * FROM wt.{t}").fetchall()), key=repr) for t in TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "wiretrace.duckdb"
    wiretrace_run(db=str(db))
    return db


def test_seeds_form_one_reuters_story(seeds_db: Path) -> None:
    con = connect_reader(seeds_db)
    stories = con.execute("SELECT story_id, root_article_id, wire_source, n_articles FROM lineage.stories").fetchall()
    assert len(stories) == 1
    _, root, wire, n = stories[0]
    assert (root, wire, n) == (SEED_001, "Reuters", 2)
    edge = con.execute(
        "SELECT parent_article_id, relation, evidence::VARCHAR FROM lineage.edges WHERE article_id = ? AND is_primary",
        [SEED_000],
    ).fetchone()
    assert edge is not None and edge[0] == SEED_001 and edge[1] == "rewrite"
    assert any("truce is a path to nowhere" in q for q in json.loads(edge[2])["shared_quotes"])
    sources = dict(con.execute("SELECT source, kind FROM lineage.sources").fetchall())
    assert sources["Reuters"] == "wire"
    run = con.execute("SELECT status, flow_run_id, versions FROM lineage.runs").fetchone()
    assert run is not None and run[0] == "succeeded" and run[1] and "datasketch" in json.loads(run[2])


def test_running_twice_changes_no_row(seeds_db: Path) -> None:
    before = _snapshot(seeds_db)
    wiretrace_run(db=str(seeds_db))
    assert _snapshot(seeds_db) == before


def test_explain_tells_the_lineage(seeds_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", SEED_000, "--db", str(seeds_db)]) == 0
    out = capsys.readouterr().out
    assert f"primary parent: {SEED_001}" in out
    assert "shares 4 quotes" in out
    assert "Reuters (cited wire, not ingested)" in out


def test_bad_records_are_quarantined_and_nothing_else_lost(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    wiretrace_run(db=str(db))
    before = _snapshot(db)
    bad = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps(
            {
                "id": "good-1",
                "outlet": "Example Times",
                "published_at": "2024-12-27T09:00:00Z",
                "text": (SEEDS / f"{SEED_001}.txt").read_text(encoding="utf-8")[17:],
            }
        ),
        "{not json",
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "bad-date", "published_at": "2024-02-30", "text": "Some text that is fine."}),
        json.dumps({"id": SEED_001, "text": "Different text under an id that is already stored."}),
    ]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wiretrace_run(paths=[str(bad)], db=str(db))
    after = _snapshot(db)
    assert set(before["articles"]) <= set(after["articles"])
    con = connect_reader(db)
    reasons = dict(con.execute("SELECT record_ref, reason FROM lineage.quarantine").fetchall())
    assert set(reasons) == {"line 2", "line 3", "line 4", "line 5"}
    assert "2024-02-30" in reasons["line 4"]
    assert "already stored" in reasons["line 5"]
    stored = {r[0] for r in con.execute("SELECT article_id FROM lineage.articles").fetchall()}
    assert stored == {SEED_000, SEED_001, "good-1"}
    text = con.execute("SELECT text FROM wt.articles WHERE article_id = ?", [SEED_001]).fetchone()
    assert text is not None and "Lavrov" in text[0]


def test_unreadable_input_stops_before_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.duckdb"
    assert main(["run", str(tmp_path / "missing.jsonl"), "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.jsonl" in err[0]
    assert not db.exists()
