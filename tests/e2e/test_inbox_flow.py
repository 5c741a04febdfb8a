"""The inbox through the real flow into a real warehouse: each file is taken once, a changed file
again, a failed run takes nothing; `wiretrace init` and a poll of its fresh feeds file."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from contextlib import closing
from pathlib import Path

import pytest

from cli.commands import main
from flows.poll import wiretrace_poll
from flows.run import wiretrace_run
from tests.conftest import SEED_000, SEEDS
from warehouse.connection import connect_reader
from wiretrace.errors import InputError
from wiretrace.scaffold import init_folder
from workbench.synth import iter_articles, write_jsonl

pytestmark = pytest.mark.usefixtures("prefect_harness")

TABLES = ("articles", "article_versions", "quarantine", "pairs", "story_members", "edges", "runs", "inbox_files")


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(connect_reader(db)) as con:
        return {t: sorted(map(tuple, con.execute(f"SELECT * FROM wt.{t}").fetchall()), key=repr) for t in TABLES}


def _taken(db: Path) -> dict[str, tuple[int, str, str]]:
    """path (relative to the inbox) -> (size, content hash, run id), from the public view."""
    with closing(connect_reader(db)) as con:
        rows = con.execute("SELECT path, size, content_hash, run_id FROM lineage.inbox_files").fetchall()
    return {Path(path).name: (size, content_hash, run_id) for path, size, content_hash, run_id in rows}


def _count(db: Path, query: str) -> int:
    with closing(connect_reader(db)) as con:
        row = con.execute(query).fetchone()
    assert row is not None
    return int(row[0])


def _sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def _write_stories(path: Path, n_stories: int, first_story: int = 0) -> int:
    """Synthetic articles of ``n_stories`` stories into ``path``; how many articles."""
    articles = list(iter_articles(n_stories, seed=5, first_story=first_story))
    write_jsonl(articles, path)
    return len(articles)


def test_each_file_is_taken_once_and_again_when_it_changes(tmp_path: Path) -> None:
    init_folder(tmp_path)
    inbox, db = tmp_path / "inbox", tmp_path / "wiretrace.duckdb"

    empty = wiretrace_run(db=str(db), inbox=str(inbox))
    assert empty["run_id"] is None and empty["inbox_files"] == 0 and not db.exists()

    feed = inbox / "wire.jsonl"
    n_first = _write_stories(feed, 3)
    shutil.copy(SEEDS / f"{SEED_000}.txt", inbox / "seed.txt")
    (inbox / ".copying.jsonl").write_text("{not yet", encoding="utf-8")  # hidden: a file still being copied in
    (inbox / "README.md").write_text("notes", encoding="utf-8")  # no reader takes it

    first = wiretrace_run(db=str(db), inbox=str(inbox))
    assert (first["inbox_new"], first["inbox_taken"], first["inbox_already_taken"]) == (2, 2, 0)
    assert first["articles_read"] == first["new_articles"] == n_first + 1
    assert _taken(db) == {
        "wire.jsonl": (feed.stat().st_size, _sha1(feed), first["run_id"]),
        "seed.txt": ((inbox / "seed.txt").stat().st_size, _sha1(inbox / "seed.txt"), first["run_id"]),
    }
    assert _count(db, "SELECT count(*) FROM lineage.articles") == n_first + 1
    with closing(connect_reader(db)) as con:
        (inputs,) = con.execute("SELECT inputs FROM lineage.runs WHERE run_id = ?", [first["run_id"]]).fetchone() or ()
    assert sorted(Path(p).name for p in json.loads(inputs)) == ["seed.txt", "wire.jsonl"]
    after_first = _snapshot(db)

    again = wiretrace_run(db=str(db), inbox=str(inbox))
    assert again["run_id"] is None
    assert (again["articles_read"], again["inbox_taken"], again["inbox_already_taken"], again["inbox_hashed"]) == (
        0,
        0,
        2,
        0,
    )
    assert _snapshot(db) == after_first  # no run row, nothing written

    stat = feed.stat()
    os.utime(feed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # touched, same bytes
    touched = wiretrace_run(db=str(db), inbox=str(inbox))
    assert touched["run_id"] is None and touched["inbox_hashed"] == 1 and touched["inbox_taken"] == 0
    assert _snapshot(db) == after_first

    with feed.open("a", encoding="utf-8") as f:  # two more stories appended
        more = list(iter_articles(2, seed=5, first_story=3))
        for article in more:
            f.write(json.dumps(article.record(), ensure_ascii=False) + "\n")
    changed = wiretrace_run(db=str(db), inbox=str(inbox))
    assert (changed["inbox_changed"], changed["inbox_new"], changed["inbox_taken"]) == (1, 0, 1)
    assert changed["articles_read"] == n_first + len(more)  # only the changed file is read
    assert (changed["new_articles"], changed["already_stored"]) == (len(more), n_first)
    taken = _taken(db)
    assert taken["wire.jsonl"] == (feed.stat().st_size, _sha1(feed), changed["run_id"])
    assert taken["seed.txt"][2] == first["run_id"]
    assert _count(db, "SELECT count(*) FROM lineage.runs") == 2


def test_a_failed_run_takes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIRETRACE_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    init_folder(tmp_path)
    db = tmp_path / "wiretrace.duckdb"
    _write_stories(tmp_path / "inbox" / "a.jsonl", 2)

    (tmp_path / "wiretrace.toml").write_text("[verify]\nnarrative_containment = 2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"wiretrace\.toml: \[verify\] narrative_containment is a share"):
        wiretrace_run(db=str(db), inbox="inbox")
    assert not db.exists()
    (tmp_path / "wiretrace.toml").unlink()

    first = wiretrace_run(db=str(db), inbox="inbox")
    before = _snapshot(db)

    # Files are recorded in the working copy before they are read: an unreadable one discards it all.
    (tmp_path / "inbox" / "b.json").write_text('[{"id": "x", "text": "cut', encoding="utf-8")
    n_c = _write_stories(tmp_path / "inbox" / "c.jsonl", 2, first_story=10)
    with pytest.raises(InputError, match=r"b\.json"):
        wiretrace_run(db=str(db), inbox="inbox")
    assert _snapshot(db) == before
    assert set(_taken(db)) == {"a.jsonl"}

    (tmp_path / "inbox" / "b.json").write_text("[]", encoding="utf-8")  # the user mends it
    mended = wiretrace_run(db=str(db), inbox="inbox")
    assert (mended["inbox_new"], mended["inbox_already_taken"], mended["new_articles"]) == (2, 1, n_c)
    assert {name: run for name, (_, _, run) in _taken(db).items()} == {
        "a.jsonl": first["run_id"],
        "b.json": mended["run_id"],
        "c.jsonl": mended["run_id"],
    }


def test_init_then_the_command_line_and_a_poll_of_the_fresh_feeds_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WIRETRACE_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feeds.txt").write_text("https://a.example/rss\n", encoding="utf-8")
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert "created inbox/" in out and "created wiretrace.toml" in out
    assert "kept    feeds.txt       (exists: left as it is)" in out
    assert (tmp_path / "feeds.txt").read_text(encoding="utf-8") == "https://a.example/rss\n"
    assert main(["init", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("kept") == 3

    (tmp_path / "feeds.txt").unlink()
    assert main(["init"]) == 0  # a fresh feeds file: comments only
    capsys.readouterr()
    polled = wiretrace_poll(feeds_file="feeds.txt", db="wiretrace.duckdb")
    assert polled["run_id"] is None and polled["feeds"] == 0 and polled["requests"] == 0
    assert not (tmp_path / "wiretrace.duckdb").exists()

    shutil.copy(SEEDS / f"{SEED_000}.txt", tmp_path / "inbox")
    assert main(["run", "--inbox", "inbox"]) == 0
    out = capsys.readouterr().out
    assert "taking 1 new and 0 changed files (0 already taken)" in out and "articles read 1, new 1" in out
    assert main(["run", "--inbox", "inbox"]) == 0
    assert "nothing new in the inbox inbox (1 files already taken); no run" in capsys.readouterr().out
    assert main(["run", "--inbox", "missing"]) == 2
    assert "missing: inbox folder does not exist" in capsys.readouterr().err
    assert main(["run", "--inbox", "inbox", str(SEEDS)]) == 2
    assert "either PATHs or --inbox" in capsys.readouterr().err
    assert _count(tmp_path / "wiretrace.duckdb", "SELECT count(*) FROM lineage.runs") == 1
