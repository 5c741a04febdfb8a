"""The big-warehouse builder, in both layouts: a small build passes every data check over the whole warehouse,
settled replicas are frozen parts (parts layout), and real runs and maintenance work on it."""

from __future__ import annotations

from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from benchmarks.big_warehouse import LAYOUTS, build, main, replica_xor, write_new_input
from warehouse.checks import run_checks
from warehouse.connection import connect_reader
from warehouse.parts import listed_parts, parts_dir
from wiretrace.freezing import DEFAULT_HOT_DAYS, next_month_start

END = datetime(2025, 6, 28, tzinfo=UTC)


@pytest.fixture(scope="module", params=LAYOUTS)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, prefect_harness: None
) -> tuple[Path, dict[str, object]]:
    folder = tmp_path_factory.mktemp(f"big-warehouse-{request.param}")
    db = folder / "big.duckdb"
    result = build(
        db, 2000, days=365, template_days=91, end=END, workdir=folder / "work", layout=request.param, log=lambda _: None
    )
    return db, result


def test_built_warehouse_passes_every_check_with_replicas_in_time_order(built: tuple[Path, dict[str, object]]) -> None:
    db, result = built
    assert result["failing_checks"] == {}
    assert (result["articles"], result["copies"], result["template_articles"]) == (2000, 4, 500)
    assert not list((db.parent / "work").iterdir())  # the template and its input are gone
    with closing(connect_reader(db)) as con:
        for scope in ("whole", "hot"):
            checks = run_checks(con, scope)
            assert checks and not any(checks.values()), scope
        assert con.execute("SELECT count(*) FROM lineage.articles").fetchone() == (2000,)
        replicas = con.execute(
            "SELECT coalesce(regexp_extract(article_id, '^h(\\d{3})-', 1), '') AS r, count(*), min(published_at), "
            "max(published_at) FROM whole.articles GROUP BY r ORDER BY r"
        ).fetchall()
        assert [(r, n) for r, n, _, _ in replicas] == [("", 500), ("001", 500), ("002", 500), ("003", 500)]
        assert all(replicas[i][2] > replicas[i + 1][3] for i in range(3))  # each replica older than the one before
        assert replicas[0][3] < datetime(2025, 7, 1, tzinfo=UTC)  # the new input starts after the last article
        # Stories keep their ages in time order, and pairs keep a < b.
        ages = con.execute(
            "SELECT min(age), max(age) FROM whole.stories GROUP BY story_id LIKE 'h003-%', story_id LIKE 'h%' "
            "ORDER BY min(age)"
        ).fetchall()
        assert [a for a, _ in ages] == sorted(a for a, _ in ages) and ages[0][1] < ages[-1][0]
        assert con.execute("SELECT count(*) FROM whole.pairs WHERE a >= b").fetchone() == (0,)
        # Replica 1's signatures are the template's XORed with its constant, and its band keys are its signatures'.
        xor = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE list_transform(t.minhash, lambda v: xor(v, $x::UINTEGER)) "
            "= h.minhash) FROM whole.signatures t JOIN whole.signatures h ON h.article_id = 'h001-' || t.article_id",
            {"x": replica_xor(1)},
        ).fetchone()
        assert xor == (500, 500)
        keys = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE k.key = s.minhash[k.band + 1]) FROM whole.band_keys k "
            "JOIN whole.signatures s USING (article_id) WHERE k.article_id LIKE 'h001-%'"
        ).fetchone()
        assert keys is not None and keys[0] == 500 * 128 and keys[1] == keys[0]
        # Article ids named in a replica's evidence are the replica's own.
        named = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE e.evidence->>'edited_version' LIKE 'h002-%') FROM whole.edges e "
            "WHERE e.article_id LIKE 'h002-%' AND e.evidence->>'edited_version' IS NOT NULL"
        ).fetchone()
        assert named is not None and named[0] > 0 and named[1] == named[0]


def test_settled_replicas_are_frozen_parts_in_the_parts_layout(built: tuple[Path, dict[str, object]]) -> None:
    """Parts: each replica whose newest month ended the hot span before the newest article is a part of its own
    (what maintenance would freeze), listed with its dates; the hot file holds the others. One file: no parts."""
    db, result = built
    with closing(connect_reader(db)) as con:
        parts = listed_parts(con)
        hot = con.execute(
            "SELECT coalesce(regexp_extract(article_id, '^h(\\d{3})-', 1), '') AS r, count(*) FROM wt.articles "
            "GROUP BY r ORDER BY r"
        ).fetchall()
        newest = con.execute("SELECT max(published_at) FROM whole.articles").fetchone()
        assert newest is not None
        stored = [
            con.execute(
                f"SELECT count(*), min(published_at), max(published_at), "
                f"count(*) FILTER (WHERE article_id LIKE 'h00{p.part_id[-1]}-%') FROM {p.part_id}.wt.articles"
            ).fetchone()
            for p in parts
        ]
    if result["layout"] == "one-file":
        assert parts == [] and not parts_dir(db).exists() and result["part_bytes"] == []
        assert hot == [("", 500), ("001", 500), ("002", 500), ("003", 500)]
        return
    # Replicas 1-3 end 91, 182 and 273 days before the newest article (30 June): March, December, September.
    assert [p.part_id for p in parts] == ["p202409_00000003", "p202412_00000002", "p202503_00000001"]
    assert sorted(f.name for f in parts_dir(db).iterdir()) == [f"{p.part_id}.duckdb" for p in parts]
    assert hot == [("", 500)] and result["hot_articles"] == 500 and result["parts"] == 3
    assert result["part_bytes"] == sorted((parts_dir(db) / f"{p.part_id}.duckdb").stat().st_size for p in parts)
    cutoff = newest[0] - timedelta(days=DEFAULT_HOT_DAYS)
    for part, (n, lo, hi, own) in zip(parts, stored, strict=True):
        assert (part.n_articles, part.min_published, part.max_published) == (n, lo, hi) and n == 500
        assert own == 500  # the part holds its replica's articles and no other
        assert part.max_published is not None and next_month_start(part.max_published) <= cutoff
        assert part.month == f"{part.max_published.astimezone(UTC):%Y-%m}"


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
    assert summary["parts_thawed"] == 0  # the new articles' window reaches no frozen replica
    maintained = wiretrace_maintain(db=str(db))
    assert maintained["status"] == "succeeded"
    # Maintenance freezes in one file exactly the replicas the parts layout was built with frozen (the template
    # spans hours, so replica 0 is all in June), and nothing more in the parts layout.
    frozen = (0, 0) if result["layout"] == "parts" else (1500, 3)
    assert (maintained["frozen_articles"], maintained["new_parts"]) == frozen
    with closing(connect_reader(db)) as con:
        parts = listed_parts(con)
        assert [(p.month, p.n_articles) for p in parts] == [("2024-09", 500), ("2024-12", 500), ("2025-03", 500)]
        total = int(result["articles"]) + records  # type: ignore[call-overload]
        assert con.execute("SELECT count(*) FROM lineage.articles").fetchone() == (total,)
        # The run's totals added the parts' recorded counts: they are what the whole warehouse holds.
        stories, primary = con.execute(
            "SELECT (SELECT count(*) FROM whole.stories), (SELECT count(*) FROM whole.edges WHERE is_primary)"
        ).fetchone()
        assert (summary["total_stories"], summary["total_primary_edges"]) == (stories, primary)
        checks = run_checks(con, "whole")
        assert checks and not any(checks.values())
    # A run dated into replica 1's last days (31 March) thaws its part, and only that one.
    late = tmp_path / "late.jsonl"
    write_new_input(late, 40, datetime(2025, 3, 25, tzinfo=UTC), seed=7)  # other articles than the first run's
    late_records = sum(1 for _ in late.open(encoding="utf-8"))
    summary = wiretrace_run(paths=[str(late)], db=str(db))
    assert (summary["status"], summary["parts_thawed"]) == ("succeeded", 1)
    with closing(connect_reader(db)) as con:
        assert [p.month for p in listed_parts(con)] == ["2024-09", "2024-12"]
        assert con.execute("SELECT count(*) FROM wt.articles WHERE article_id LIKE 'h001-%'").fetchone() == (500,)
        assert con.execute("SELECT count(*) FROM lineage.articles").fetchone() == (total + late_records,)
        checks = run_checks(con, "whole")
        assert checks and not any(checks.values())


def test_builder_never_overwrites_a_warehouse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "taken.duckdb"
    db.write_bytes(b"")
    assert main(["--articles", "10", "--db", str(db)]) == 2
    assert "never overwrites" in capsys.readouterr().err
    assert db.read_bytes() == b""
    parts_dir(db).mkdir()  # a leftover parts folder of a deleted warehouse is not overwritten either
    db.unlink()
    assert main(["--articles", "10", "--db", str(db)]) == 2
    assert "never overwrites a warehouse's parts" in capsys.readouterr().err
    assert list(parts_dir(db).iterdir()) == [] and not db.exists()
