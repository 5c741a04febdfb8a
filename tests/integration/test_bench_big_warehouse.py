"""The big-warehouse builder: a small build passes every data check, and real runs and maintenance work on it."""

from __future__ import annotations

from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from benchmarks.big_warehouse import build, main, replica_xor, write_new_input
from warehouse.checks import run_checks

END = datetime(2025, 6, 28, tzinfo=UTC)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> tuple[Path, dict[str, object]]:
    folder = tmp_path_factory.mktemp("big-warehouse")
    db = folder / "big.duckdb"
    result = build(db, 2000, days=365, template_days=91, end=END, workdir=folder / "work", log=lambda _: None)
    return db, result


def test_built_warehouse_passes_every_check_with_replicas_in_time_order(built: tuple[Path, dict[str, object]]) -> None:
    db, result = built
    assert result["failing_checks"] == {}
    assert (result["articles"], result["copies"], result["template_articles"]) == (2000, 4, 500)
    assert not list((db.parent / "work").iterdir())  # the template and its input are gone
    with closing(duckdb.connect(str(db), read_only=True)) as con:
        checks = run_checks(con)
        assert checks and not any(checks.values())
        replicas = con.execute(
            "SELECT coalesce(regexp_extract(article_id, '^h(\\d{3})-', 1), '') AS r, count(*), min(published_at), "
            "max(published_at) FROM wt.articles GROUP BY r ORDER BY r"
        ).fetchall()
        assert [(r, n) for r, n, _, _ in replicas] == [("", 500), ("001", 500), ("002", 500), ("003", 500)]
        assert all(replicas[i][2] > replicas[i + 1][3] for i in range(3))  # each replica older than the one before
        assert replicas[0][3] < datetime(2025, 7, 1, tzinfo=UTC)  # the new input starts after the last article
        # Stories keep their ages in time order, and pairs keep a < b.
        ages = con.execute(
            "SELECT min(age), max(age) FROM wt.stories GROUP BY story_id LIKE 'h003-%', story_id LIKE 'h%' "
            "ORDER BY min(age)"
        ).fetchall()
        assert [a for a, _ in ages] == sorted(a for a, _ in ages) and ages[0][1] < ages[-1][0]
        assert con.execute("SELECT count(*) FROM wt.pairs WHERE a >= b").fetchone() == (0,)
        # Replica 1's signatures are the template's XORed with its constant, and its band keys are its signatures'.
        xor = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE list_transform(t.minhash, lambda v: xor(v, $x::UINTEGER)) "
            "= h.minhash) FROM wt.signatures t JOIN wt.signatures h ON h.article_id = 'h001-' || t.article_id",
            {"x": replica_xor(1)},
        ).fetchone()
        assert xor == (500, 500)
        keys = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE k.key = s.minhash[k.band + 1]) FROM wt.band_keys k "
            "JOIN wt.signatures s USING (article_id) WHERE k.article_id LIKE 'h001-%'"
        ).fetchone()
        assert keys is not None and keys[0] == 500 * 128 and keys[1] == keys[0]
        # Article ids named in a replica's evidence are the replica's own.
        named = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE e.evidence->>'edited_version' LIKE 'h002-%') FROM wt.edges e "
            "WHERE e.article_id LIKE 'h002-%' AND e.evidence->>'edited_version' IS NOT NULL"
        ).fetchone()
        assert named is not None and named[0] > 0 and named[1] == named[0]


def test_a_real_run_and_maintenance_on_the_built_warehouse(
    built: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    from flows.maintain import wiretrace_maintain
    from flows.run import wiretrace_run

    db, result = built
    new = tmp_path / "new.jsonl"
    start = write_new_input(new, 150, END)
    assert start == datetime(2025, 7, 1, tzinfo=UTC)
    records = sum(1 for _ in new.open(encoding="utf-8"))
    summary = wiretrace_run(paths=[str(new)], db=str(db))
    assert summary["status"] == "succeeded"
    assert summary["new_articles"] == records
    assert summary["total_articles"] == int(result["articles"]) + records  # type: ignore[call-overload]
    assert summary["candidate_pairs"] > 0
    assert wiretrace_maintain(db=str(db))["status"] == "succeeded"


def test_builder_never_overwrites_a_warehouse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "taken.duckdb"
    db.write_bytes(b"")
    assert main(["--articles", "10", "--db", str(db)]) == 2
    assert "never overwrites" in capsys.readouterr().err
    assert db.read_bytes() == b""
