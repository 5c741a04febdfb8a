"""Quality floors on labelled data, measured through the real flow.

Clough–Stevenson (``$WIRETRACE_DATA_DIR/clough-stevenson``): each answer is an article, each
source is dated a day before the answers (how the corpus was made; ``workbench.datasets``).
The floors are the issue's; see BENCHMARKS.md / the README for measured values.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import data_dir
from warehouse.connection import connect_reader
from workbench.evaluate import evaluate_clough, evaluate_news, evaluate_synthetic
from workbench.newsdiag import format_news_result
from workbench.synth import SyntheticArticle, generate_corpus

pytestmark = pytest.mark.usefixtures("prefect_harness")

CLOUGH = data_dir() / "clough-stevenson"


@pytest.fixture(scope="module")
def clough(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    if not (CLOUGH / "file_information.csv").exists():
        pytest.skip(f"labelled corpus not found at {CLOUGH} (set WIRETRACE_DATA_DIR)")
    return evaluate_clough(str(tmp_path_factory.mktemp("clough") / "w.duckdb"))


@pytest.fixture(scope="module")
def clough_undated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    if not (CLOUGH / "file_information.csv").exists():
        pytest.skip(f"labelled corpus not found at {CLOUGH} (set WIRETRACE_DATA_DIR)")
    return evaluate_clough(str(tmp_path_factory.mktemp("clough-undated") / "w.duckdb"), dated=False)


def test_clough_derived_answers_join_their_source(clough: dict[str, float]) -> None:
    assert clough["cut_with_source"] >= 0.89
    assert clough["light_with_source"] >= 0.95
    assert clough["heavy_with_source"] >= 0.75


def test_clough_independent_answers_stay_out_of_source_stories(clough: dict[str, float]) -> None:
    assert clough["non_in_source_story"] <= 0.05


def test_clough_story_pairs(clough: dict[str, float]) -> None:
    """0.947 / 0.846 / 0.886 measured: verification asks for the same wording in several sentences
    (what tells a story from an event on real news), which some heavy paraphrases lack (was 0.948 /
    0.910 / 0.923 before)."""
    assert clough["pair_precision"] >= 0.90
    assert clough["pair_recall"] >= 0.80
    assert clough["ari"] >= 0.85


def test_clough_primary_parent_is_source(clough: dict[str, float]) -> None:
    assert clough["parent_is_source"] >= 0.80


def test_clough_undated_keeps_stories_and_most_parents(clough_undated: dict[str, float]) -> None:
    """Without dates direction comes from the text alone. Stories do not depend on it; parents
    do: in task c the source file is contained in answer g0pB_taskc, which the other answers
    also copy, so the answer looks like the source (0.702 measured; guarded at 0.70). ARI 0.884:
    two heavy rewrites share their source's wording in fewer than two sentences, which
    verification now requires (real reports of one event share one stock sentence)."""
    assert clough_undated["ari"] >= 0.85
    assert clough_undated["parent_is_source"] >= 0.70


def test_synthetic_story_pairs(tmp_path: Path) -> None:
    """Same-event reports by two wires share quotes, names and the event's stock background
    sentence verbatim (the generator's hard case): they must stay apart (1.000 / 0.992 measured)."""
    report = evaluate_synthetic(str(tmp_path / "w.duckdb"), str(tmp_path), n_stories=150, seed=11)
    assert report["pair_precision"] >= 0.99
    assert report["pair_recall"] >= 0.99
    # Copies of a wire that is not ingested get the wire, not a sibling (0.791; the lineage rule
    # before real news gave 0.752 on this corpus).
    assert report["parent_accuracy"] >= 0.78
    _check_wire_relations(str(tmp_path / "w.duckdb"), generate_corpus(150, seed=11).articles)


def _check_wire_relations(db: str, articles: Sequence[SyntheticArticle]) -> None:
    """Edges to a cited wire that is not ingested, against the generated kind of copy: a copy
    keeping the wire's dateline ("CITY (Reuters) - ") is its verbatim copy or an excerpt; a
    retelling ("..., Reuters reports"), a heavy rewrite and a copy naming no wire are rewrites.
    Measured: dateline copies 4/5 verbatim, lightly edited dateline copies 10/12 rewrite (their
    words differ from another member's), no heavy rewrite or retelling labelled a copy."""
    with closing(connect_reader(db)) as con:
        relation = dict(
            con.execute(
                "SELECT article_id, relation FROM lineage.edges WHERE is_primary AND parent_source IS NOT NULL"
            ).fetchall()
        )
    by_kind: dict[tuple[str, str], list[str]] = {}
    for a in articles:
        if a.parent_source and a.article_id in relation:
            mode = "dateline" if f"({a.parent_source}) - " in a.text else "other"
            by_kind.setdefault((a.kind, mode), []).append(relation[a.article_id])
    copies = by_kind[("verbatim", "dateline")]
    assert copies.count("verbatim") >= 0.75 * len(copies)
    edited = by_kind[("light", "dateline")]
    assert edited.count("rewrite") >= 0.75 * len(edited)
    for key in [("heavy", "dateline"), ("heavy", "other"), ("light", "other"), ("verbatim", "other")]:
        assert set(by_kind.get(key, [])) <= {"rewrite"}, key


def test_news_evaluation_scores_a_labelled_file_and_lists_wrong_merges(tmp_path: Path) -> None:
    """`wiretrace eval news` on a file written here: generated articles labelled as the news dev
    sets are (one copy labelled, wrongly, as its own story must show up as a wrong merge)."""
    corpus = generate_corpus(12, seed=31)
    url = {a.article_id: a.url for a in corpus.articles}
    copies = [a for a in corpus.articles if a.parent_article_id or a.parent_source]
    relabelled = copies[0].article_id
    path = tmp_path / "labelled.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for a in corpus.articles:
            derived = url[a.parent_article_id] if a.parent_article_id else a.parent_source
            record = {
                "id": a.article_id,
                "url": a.url,
                "date": a.published_at.isoformat(),
                "lang": "en",
                "story": "neg-relabelled" if a.article_id == relabelled else a.story_key,
                "derived_from": None if a.article_id == relabelled else derived,
                "set": "G",
                "text": a.text,
            }
            out.write(json.dumps(record) + "\n")
    workdir = tmp_path / "work"
    workdir.mkdir()
    (result,) = evaluate_news(path, workdir)
    assert result.dev_set == "G" and result.scores.n_articles == len(corpus.articles)
    assert result.scores.same_language.recall >= 0.99
    assert result.scores.same_language.precision < 1.0  # the relabelled copy is "wrongly" merged
    assert any(relabelled in line for line in result.diagnosis.merges)
    report = format_news_result(result)
    assert "same-language pair precision" in report and "lineage accuracy" in report
    assert "wrong merges (verified pairs across labelled stories, in one predicted story): " in report
