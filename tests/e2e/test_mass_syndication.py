"""A wire copied verbatim by more outlets than a bucket may hold still forms one story.

Every band key of such a story is shared by all its copies, so capping over-full buckets
(the defence against boilerplate) would drop them all and leave each copy alone. Exact copies
are grouped before banding; this test fails when they are not.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from flows.run import wiretrace_run
from wiretrace.params import SignatureParams
from workbench.synth import SyntheticArticle, generate_corpus, write_jsonl

pytestmark = pytest.mark.usefixtures("prefect_harness")

COPIES = 2 * SignatureParams().max_bucket + 10


def _wire_text_and_rewrite() -> tuple[SyntheticArticle, SyntheticArticle]:
    """A verbatim copy that cites its wire, and a heavy rewrite of the same generated story."""
    for seed in range(50):
        by_story: dict[str, dict[str, SyntheticArticle]] = {}
        for a in generate_corpus(20, seed=seed).articles:
            by_story.setdefault(a.story_key, {}).setdefault(a.kind, a)
        for kinds in by_story.values():
            copy = kinds.get("verbatim")
            if copy and "heavy" in kinds and copy.parent_source and copy.parent_source in copy.text:
                return copy, kinds["heavy"]
    raise AssertionError("the generator made no story with a verbatim copy and a heavy rewrite")


def test_wire_copied_by_many_outlets_is_one_story(tmp_path: Path) -> None:
    verbatim, heavy = _wire_text_and_rewrite()
    start = verbatim.published_at
    copies = [
        SyntheticArticle(
            article_id=f"copy-{i:03d}",
            url=f"https://outlet-{i:03d}.example/news/{i}",
            outlet=f"Outlet {i:03d}",
            title=verbatim.title,
            published_at=start + timedelta(minutes=5 * i),
            text=verbatim.text,
            story_key=verbatim.story_key,
            parent_article_id=None,
            parent_source=verbatim.parent_source,
            kind="verbatim",
        )
        for i in range(COPIES)
    ]
    rewrite = SyntheticArticle(**{**heavy.__dict__, "published_at": start + timedelta(hours=1)})
    corpus = tmp_path / "syndicated.jsonl"
    write_jsonl([*copies, rewrite], corpus)
    db = tmp_path / "wiretrace.duckdb"

    wiretrace_run(paths=[str(corpus)], db=str(db))

    with duckdb.connect(str(db), read_only=True) as con:
        stories = con.execute(
            "SELECT story_id, count(*) FROM lineage.articles GROUP BY story_id ORDER BY 2 DESC"
        ).fetchall()
        wire = con.execute(
            "SELECT s.wire_source FROM lineage.stories s WHERE s.story_id = ?", [stories[0][0]]
        ).fetchone()
    assert stories[0][1] == COPIES + 1, f"the {COPIES} copies and the rewrite are not one story: {stories[:5]}"
    assert wire is not None and wire[0] == verbatim.parent_source
