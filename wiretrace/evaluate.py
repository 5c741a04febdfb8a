"""Quality measures of stories and lineage against labelled data.

Story quality is measured on pairs of articles: a pair is *positive* when both articles are
in the same story. Precision and recall of predicted same-story pairs, and the adjusted Rand
index (ARI), are computed from the contingency table, in time linear in the number of articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class StoryScores:
    precision: float
    recall: float
    ari: float
    n_articles: int
    n_true_pairs: int
    n_predicted_pairs: int


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def story_scores(predicted: Mapping[str, str], gold: Mapping[str, str]) -> StoryScores:
    """Pair precision, pair recall and ARI of ``predicted`` story ids against ``gold`` ones.

    Only articles present in both mappings count. A perfect clustering scores 1.0 on all three;
    precision (recall) is 1.0 by convention when no pair is predicted (labelled).
    """
    ids = [a for a in gold if a in predicted]
    cells = Counter((predicted[a], gold[a]) for a in ids)
    rows = Counter(predicted[a] for a in ids)
    cols = Counter(gold[a] for a in ids)
    together = sum(_pairs(n) for n in cells.values())
    predicted_pairs = sum(_pairs(n) for n in rows.values())
    true_pairs = sum(_pairs(n) for n in cols.values())
    total = _pairs(len(ids))
    expected = predicted_pairs * true_pairs / total if total else 0.0
    maximum = (predicted_pairs + true_pairs) / 2
    ari = 1.0 if maximum == expected else (together - expected) / (maximum - expected)
    return StoryScores(
        precision=together / predicted_pairs if predicted_pairs else 1.0,
        recall=together / true_pairs if true_pairs else 1.0,
        ari=ari,
        n_articles=len(ids),
        n_true_pairs=true_pairs,
        n_predicted_pairs=predicted_pairs,
    )


def parent_accuracy(predicted: Mapping[str, str | None], gold: Mapping[str, str | None]) -> float:
    """Share of labelled derived articles (gold parent not None) whose predicted primary parent
    equals the gold one. Parents are article ids or source names; 1.0 when nothing is derived."""
    derived = [a for a, parent in gold.items() if parent is not None]
    if not derived:
        return 1.0
    hits = sum(1 for a in derived if predicted.get(a) == gold[a])
    return hits / len(derived)
