"""Evaluation: run the real flow on a labelled corpus and score stories and lineage."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from flows.run import wiretrace_run
from warehouse.connection import connect_reader, sql
from wiretrace.errors import InputError
from wiretrace.verify import pair_from_row
from workbench.datasets import LabelledCorpus, clough_stevenson, dated_copies, news_articles, news_run_records
from workbench.newsdiag import NewsSetResult, diagnose_news
from workbench.scores import NewsLabel, lineage_reachable, news_scores, parent_accuracy, story_scores


def predicted_lineage(db: str) -> tuple[dict[str, str], dict[str, str | None]]:
    """(story of each article, primary parent of each article: article id or source name)."""
    con = connect_reader(db)
    try:
        story = dict(con.execute("SELECT article_id, story_id FROM lineage.articles").fetchall())
        parent: dict[str, str | None] = {a: None for a in story}
        for article_id, parent_id, source in con.execute(
            "SELECT article_id, parent_article_id, parent_source FROM lineage.edges WHERE is_primary"
        ).fetchall():
            parent[article_id] = parent_id or source
    finally:
        con.close()
    return story, parent


def evaluate_clough(db: str, corpus: LabelledCorpus | None = None, *, dated: bool = True) -> dict[str, Any]:
    """Run the flow on the Clough–Stevenson answers and score them (see ``clough_report``).

    ``dated``: the sources are dated a day before the answers (what the corpus's construction
    says, see :data:`workbench.datasets.SOURCE_DATE`), so lineage direction comes from time as
    it does for news. Undated, direction comes from the text alone (*sourceness*).
    """
    _require_new(db)
    corpus = corpus or clough_stevenson()
    with tempfile.TemporaryDirectory(prefix="wiretrace-clough-") as staging:
        inputs = dated_copies(corpus, Path(staging)) if dated else corpus.inputs
        wiretrace_run(paths=[str(p) for p in inputs], db=db)
    story, parent = predicted_lineage(db)
    return {"sources_dated": dated} | clough_report(corpus, story, parent)


def clough_report(corpus: LabelledCorpus, story: dict[str, str], parent: dict[str, str | None]) -> dict[str, Any]:
    """Per-category shares the issue sets floors on, plus pair precision/recall/ARI."""
    sizes: dict[str, int] = {}
    for s in story.values():
        sizes[s] = sizes.get(s, 0) + 1
    source_story = {a[-1]: story[a] for a, c in corpus.category.items() if c == "orig"}
    report: dict[str, Any] = {}
    for cat in ("cut", "light", "heavy"):
        ids = [a for a, c in corpus.category.items() if c == cat]
        joined = sum(1 for a in ids if story[a] == source_story[a[-1]])
        report[f"{cat}_with_source"] = joined / len(ids)
    non = [a for a, c in corpus.category.items() if c == "non"]
    report["non_in_source_story"] = sum(1 for a in non if story[a] == source_story[a[-1]]) / len(non)
    report["non_in_any_multi_article_story"] = sum(1 for a in non if sizes[story[a]] > 1) / len(non)
    report["parent_is_source"] = parent_accuracy(parent, corpus.parent)
    scores = story_scores(story, corpus.story)
    report.update(pair_precision=scores.precision, pair_recall=scores.recall, ari=scores.ari)
    return report


def evaluate_synthetic(db: str, workdir: str, n_stories: int, seed: int) -> dict[str, Any]:
    """Generate a synthetic corpus, run the flow on it and score stories and parents."""
    from workbench.synth import generate_corpus, write_jsonl

    _require_new(db)
    corpus = generate_corpus(n_stories, seed=seed)
    path = Path(workdir) / f"synthetic-{n_stories}-{seed}.jsonl"
    write_jsonl(corpus, path)
    wiretrace_run(paths=[str(path)], db=db)
    story, parent = predicted_lineage(db)
    labels = corpus.labels().to_pylist()
    gold_story = {r["article_id"]: r["story_key"] for r in labels}
    gold_parent = {r["article_id"]: r["parent_article_id"] or r["parent_source"] for r in labels}
    scores = story_scores(story, gold_story)
    return {
        "articles": len(labels),
        "pair_precision": scores.precision,
        "pair_recall": scores.recall,
        "ari": scores.ari,
        "parent_accuracy": parent_accuracy(parent, gold_parent),
    }


def evaluate_news(path: Path, workdir: Path, db: str | None = None) -> list[NewsSetResult]:
    """Run the flow on each set of a labelled real-news file (one warehouse per set) and score it.

    Sets are run apart, as a user would run one collection; ``db`` names the warehouse of a
    single set, or the stem of one warehouse per set (``<stem>-<set>.duckdb``) to inspect later.
    """
    articles = news_articles(path)
    sets = sorted({a.dev_set for a in articles})
    for dev_set in sets:
        _require_new(_set_db(db, dev_set, len(sets), workdir))
    results = []
    for dev_set in sets:
        members = [a for a in articles if a.dev_set == dev_set]
        inputs = workdir / f"news-{dev_set}.jsonl"
        with inputs.open("w", encoding="utf-8") as out:
            for record in news_run_records(members):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        set_db = _set_db(db, dev_set, len(sets), workdir)
        wiretrace_run(paths=[str(inputs)], db=set_db)
        labels = [a.label for a in members]
        reachable = lineage_reachable(labels, {a.label.article_id: a.text for a in members})
        results.append(news_set_result(dev_set, labels, set_db, reachable))
    return results


def _require_new(db: str) -> None:
    """An evaluation scores what its own run wrote: a warehouse that exists already would be
    scored as it is (a re-run on the same input adds nothing), so it is refused."""
    if Path(db).exists():
        raise InputError(f"{db} exists: an evaluation runs into a new warehouse (pass another --db or remove it)")


def _set_db(db: str | None, dev_set: str, n_sets: int, workdir: Path) -> str:
    if db is None:
        return str(workdir / f"news-{dev_set}.duckdb")
    if n_sets == 1:
        return db
    p = Path(db)
    return str(p.with_name(f"{p.stem}-{dev_set}{p.suffix or '.duckdb'}"))


def news_set_result(
    dev_set: str, labels: list[NewsLabel], db: str, reachable: frozenset[str] = frozenset()
) -> NewsSetResult:
    """Scores of one set's warehouse, with what the warehouse says about every wrong decision
    (``reachable``: see :func:`workbench.scores.lineage_reachable`)."""
    con = connect_reader(db)
    try:
        rows = con.execute(sql("eval_articles")).fetchall()
        primary = {a: (p, s) for a, p, s in con.execute(sql("eval_primary_parents")).fetchall()}
        cursor = con.execute(sql("eval_pairs"))
        columns = [d[0] for d in cursor.description]
        pairs = [pair_from_row(dict(zip(columns, r, strict=True))) for r in cursor.fetchall()]
        texts = {a: (t, list(q)) for a, t, q in con.execute(sql("eval_texts")).fetchall()}
        cited = con.execute(sql("eval_attributions")).fetchall()
    finally:
        con.close()
    story = {a: s for a, s, _ in rows}
    detected = {a: lang for a, _, lang in rows}
    scores = news_scores(labels, story, primary, reachable)
    diagnosis = diagnose_news(labels, story, primary, pairs, texts, detected, cited)
    return NewsSetResult(dev_set, db, scores, diagnosis, tuple(labels), story, primary, reachable)
