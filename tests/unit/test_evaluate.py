"""Pair precision/recall and ARI against hand-computed values."""

from __future__ import annotations

import pytest

from wiretrace.evaluate import parent_accuracy, story_scores


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
