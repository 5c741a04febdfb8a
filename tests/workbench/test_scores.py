"""Pair precision/recall and ARI against hand-computed values."""

from __future__ import annotations

import pytest

from workbench.scores import NewsLabel, lineage_reachable, news_scores, parent_accuracy, source_matches, story_scores


def test_perfect_clustering() -> None:
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    scores = story_scores({"a": "x", "b": "x", "c": "y", "d": "y"}, gold)
    assert (scores.precision, scores.recall, scores.ari) == (1.0, 1.0, 1.0)


def test_known_values() -> None:
    # gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}: together pairs ab, de = 2.
    gold = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    scores = story_scores(pred, gold)
    assert scores.precision == pytest.approx(2 / 4)
    assert scores.recall == pytest.approx(2 / 4)
    # ARI: index 2, expected 4*4/10 = 1.6, max 4 -> (2-1.6)/(4-1.6)
    assert scores.ari == pytest.approx(0.4 / 2.4)


def test_parent_accuracy_counts_only_derived() -> None:
    assert parent_accuracy({"a": None, "b": "a", "c": "Reuters"}, {"a": None, "b": "a", "c": "AP"}) == 0.5


def _label(article_id: str, lang: str, story: str, derived_from: str | None = None) -> NewsLabel:
    return NewsLabel(article_id, f"https://{article_id}.example/a", lang, story, derived_from)


def test_news_scores_split_same_language_and_cross_language_pairs() -> None:
    labels = [
        _label("en1", "en", "s1", "AP"),
        _label("en2", "en", "s1", "https://en1.example/a/"),  # copy of en1 (URL matched loosely)
        _label("de1", "de", "s1", "AP"),  # translation: a cross-language pair with en1 and en2
        _label("en3", "en", "neg-1"),
        _label("de2", "de", "s2", "dpa"),
        _label("de3", "de", "s2", "dpa"),
    ]
    story = {"en1": "x", "en2": "x", "en3": "x", "de1": "y", "de2": "y", "de3": "z"}
    primary = {"en1": (None, "AP"), "en2": ("en1", None), "de1": (None, "ap"), "de2": ("de3", None)}
    s = news_scores(labels, story, primary)
    # en: predicted {en1,en2,en3} -> 3 pairs, 1 true; de: predicted {de1,de2} + {de3} -> 1 pair, 0 true of 1
    assert (s.same_language.together, s.same_language.predicted, s.same_language.true) == (1, 4, 2)
    assert s.same_language.precision == pytest.approx(0.25) and s.same_language.recall == pytest.approx(0.5)
    # cross-language: labelled en1-de1, en2-de1; predicted none across languages
    assert (s.cross_language.true, s.cross_language.predicted) == (2, 0)
    assert s.lineage_total == 5 and s.lineage_hits == 3  # en1 AP, en2 -> en1, de1 'ap' = AP; de2, de3 miss
    by_lang = {x.lang: x for x in s.languages}
    assert s.same_language_ari == pytest.approx((3 * by_lang["en"].ari + 3 * by_lang["de"].ari) / 6)
    assert s.english_ari == by_lang["en"].ari


def test_lineage_is_reachable_only_where_a_member_of_the_story_names_the_wire() -> None:
    labels = [
        _label("a1", "en", "s", "AP"),  # its sibling names the Associated Press
        _label("a2", "en", "s", "AP"),
        _label("b1", "en", "t", "Reuters"),  # nobody in its story names Reuters ("AP" elsewhere)
        _label("b2", "en", "t", "https://b1.example/a"),  # an article of the set: always reachable
        _label("c1", "en", "u", "Microsoft press release"),
        _label("d1", "en", "v"),  # an original
    ]
    texts = {
        "a1": "Stocks fell.",
        "a2": "Stocks fell, the Associated Press reported.",
        "b1": "The APA said the rate rose; AP Photo.",
        "b2": "The APA said.",
        "c1": "Microsoft said on Tuesday it would buy the company.",
        "d1": "Reuters",
    }
    reachable = lineage_reachable(labels, texts)
    assert reachable == {"a1", "a2", "b2", "c1"}
    s = news_scores(labels, {lab.article_id: lab.story for lab in labels}, {}, reachable)
    assert (s.lineage_reachable, s.lineage_total) == (4, 5)


def test_source_names_match_case_aside_or_as_the_labels_first_words() -> None:
    assert source_matches("Microsoft", "Microsoft press release")
    assert source_matches("efe", "EFE")
    assert not source_matches("AP", "APA")


def test_overall_scores_pool_the_sets_without_joining_them() -> None:
    from workbench.newsdiag import NewsDiagnosis, NewsSetResult, overall_scores

    def result(name: str, labels: list[NewsLabel], story: dict[str, str]) -> NewsSetResult:
        primary = {lab.article_id: (None, lab.derived_from) for lab in labels if lab.derived_from}
        scores = news_scores(labels, story, primary)
        diagnosis = NewsDiagnosis((), (), (), ())
        return NewsSetResult(name, "db", scores, diagnosis, tuple(labels), story, primary, frozenset())

    a = result("A", [_label("a1", "en", "s", "AP"), _label("a2", "en", "s", "AP")], {"a1": "x", "a2": "x"})
    b = result("B", [_label("b1", "en", "t", "dpa"), _label("b2", "en", "u")], {"b1": "x", "b2": "y"})
    s = overall_scores([a, b])
    # Both sets' "x" stories stay apart: 1 predicted pair (a1-a2), 1 labelled, together.
    assert (s.same_language.together, s.same_language.predicted, s.same_language.true) == (1, 1, 1)
    assert s.n_articles == 4 and (s.lineage_hits, s.lineage_total) == (3, 3)
