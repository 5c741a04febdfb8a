"""Quality measures of stories and lineage against labelled data.

Story quality is measured on pairs of articles: a pair is *positive* when both articles are
in the same story. Precision and recall of predicted same-story pairs, and the adjusted Rand
index (ARI), are computed from the contingency table, in time linear in the number of articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wiretrace.wires import WIRE_ALIASES


@dataclass(frozen=True)
class StoryScores:
    precision: float
    recall: float
    ari: float
    n_articles: int
    n_true_pairs: int
    n_predicted_pairs: int
    #: pairs put in one story by both the prediction and the labels
    n_together_pairs: int


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
        n_together_pairs=together,
    )


def parent_accuracy(predicted: Mapping[str, str | None], gold: Mapping[str, str | None]) -> float:
    """Share of labelled derived articles (gold parent not None) whose predicted primary parent
    equals the gold one. Parents are article ids or source names; 1.0 when nothing is derived."""
    derived = [a for a, parent in gold.items() if parent is not None]
    if not derived:
        return 1.0
    hits = sum(1 for a in derived if predicted.get(a) == gold[a])
    return hits / len(derived)


# --- Real news: labelled articles in many languages -----------------------------------


@dataclass(frozen=True)
class NewsLabel:
    """A hand-labelled real article (one line of the news dev sets' labels).

    ``story`` is its text-lineage cluster (a translation is in its source's story; ``neg-*``
    stories are hard negatives); ``derived_from`` is the wire's name when the source text is
    not in the set, the URL of the article it was copied from when it is, None for originals.
    """

    article_id: str
    url: str | None
    lang: str
    story: str
    derived_from: str | None


@dataclass(frozen=True)
class PairCounts:
    """Pairs of articles: put together by both, by the prediction, by the labels."""

    together: int = 0
    predicted: int = 0
    true: int = 0

    def __add__(self, other: PairCounts) -> PairCounts:
        return PairCounts(self.together + other.together, self.predicted + other.predicted, self.true + other.true)

    def __sub__(self, other: PairCounts) -> PairCounts:
        return PairCounts(self.together - other.together, self.predicted - other.predicted, self.true - other.true)

    @property
    def precision(self) -> float:
        return self.together / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.together / self.true if self.true else 1.0


def pair_counts(predicted: Mapping[str, str], gold: Mapping[str, str]) -> PairCounts:
    """Pair counts over the articles of ``gold`` that ``predicted`` also holds."""
    scores = story_scores(predicted, gold)
    return PairCounts(scores.n_together_pairs, scores.n_predicted_pairs, scores.n_true_pairs)


def url_key(url: str | None) -> str | None:
    """A URL compared loosely: no scheme, ``www.``, ``:443``, trailing dot of the host or slash."""
    if not url:
        return None
    rest = url.strip().lower().split("://", 1)[-1]
    host, _, path = rest.partition("/")
    host = host.removeprefix("www.").removesuffix(":443").rstrip(".")
    return host + "/" + path.rstrip("/")


def source_matches(predicted: str, labelled: str) -> bool:
    """Whether a predicted cited source is the labelled one: the same name (case aside), or the
    label's first words ("Microsoft" for "Microsoft press release")."""
    p, g = predicted.casefold().strip(), labelled.casefold().strip()
    return p == g or g.startswith(p + " ")


@dataclass(frozen=True)
class LanguageScores:
    lang: str
    n_articles: int
    pairs: PairCounts
    ari: float
    lineage_hits: int
    lineage_total: int


@dataclass(frozen=True)
class NewsScores:
    """The measures of real-news quality (see :func:`news_scores`)."""

    n_articles: int
    same_language: PairCounts
    same_language_ari: float
    english_ari: float | None
    cross_language: PairCounts
    lineage_hits: int
    lineage_total: int
    lineage_reachable: int
    languages: tuple[LanguageScores, ...]

    @property
    def lineage_accuracy(self) -> float:
        return self.lineage_hits / self.lineage_total if self.lineage_total else 1.0

    @property
    def lineage_ceiling(self) -> float:
        """The accuracy of a method that names every source a text could tell it."""
        return self.lineage_reachable / self.lineage_total if self.lineage_total else 1.0


def lineage_reachable(labels: Sequence[NewsLabel], texts: Mapping[str, str]) -> frozenset[str]:
    """Derived articles whose labelled source the texts could tell: an article of the set (its
    URL is labelled), or a wire whose name or alias is written somewhere in the texts of the
    article's labelled story (a photo credit counts: an upper bound). An article copied from a
    wire no member of its story names cannot be given that wire by reading the texts."""
    story_text: dict[str, str] = {}
    for lab in labels:
        story_text[lab.story] = story_text.get(lab.story, "") + "\n" + texts.get(lab.article_id, "")
    reachable = set()
    for lab in labels:
        source = lab.derived_from
        if source is None:
            continue
        if source.startswith(("http://", "https://")):
            reachable.add(lab.article_id)
            continue
        names = [alias for alias, wire in WIRE_ALIASES.items() if source_matches(wire, source)]
        names += [source.split()[0]] if not names else []
        pattern = "|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names)
        if re.search(pattern, story_text[lab.story]):
            reachable.add(lab.article_id)
    return frozenset(reachable)


def lineage_hit(
    label: NewsLabel, parent_article: str | None, parent_source: str | None, id_of_url: Mapping[str, str]
) -> bool:
    """Whether an article's primary parent is its labelled source: the article with the labelled
    URL, or the labelled wire as a cited source."""
    if label.derived_from is None:
        return False
    if label.derived_from.startswith(("http://", "https://")):
        return parent_article is not None and parent_article == id_of_url.get(url_key(label.derived_from) or "")
    return parent_source is not None and source_matches(parent_source, label.derived_from)


def news_scores(
    labels: Sequence[NewsLabel],
    story: Mapping[str, str],
    primary: Mapping[str, tuple[str | None, str | None]],
    reachable: frozenset[str] = frozenset(),
) -> NewsScores:
    """Score predicted stories and primary parents against labelled real articles.

    ``story`` maps article ids to predicted story ids; ``primary`` maps a derived article to
    its primary parent (article id, source name), exactly one set. Same-language measures count
    only pairs of two articles in one labelled language; ARI is computed per language and
    averaged weighted by article count; cross-language pairs (translations) are scored apart.
    Lineage counts every article with ``derived_from`` outside ``neg-*`` stories; ``reachable``
    (see :func:`lineage_reachable`) those of them a reading of the texts could get right.
    """
    labels = [lab for lab in labels if lab.article_id in story]
    gold = {lab.article_id: lab.story for lab in labels}
    id_of_url = {key: lab.article_id for lab in labels if (key := url_key(lab.url))}
    by_lang: dict[str, list[NewsLabel]] = {}
    for lab in labels:
        by_lang.setdefault(lab.lang, []).append(lab)
    languages = []
    for lang, members in sorted(by_lang.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        ids = {lab.article_id for lab in members}
        sub_gold = {a: gold[a] for a in ids}
        derived = [lab for lab in members if lab.derived_from and not lab.story.startswith("neg-")]
        hits = sum(lineage_hit(lab, *primary.get(lab.article_id, (None, None)), id_of_url) for lab in derived)
        languages.append(
            LanguageScores(
                lang=lang,
                n_articles=len(ids),
                pairs=pair_counts(story, sub_gold),
                ari=story_scores(story, sub_gold).ari,
                lineage_hits=hits,
                lineage_total=len(derived),
            )
        )
    same = sum((s.pairs for s in languages), PairCounts())
    n = sum(s.n_articles for s in languages)
    english = next((s.ari for s in languages if s.lang == "en"), None)
    return NewsScores(
        n_articles=n,
        same_language=same,
        same_language_ari=sum(s.ari * s.n_articles for s in languages) / n if n else 1.0,
        english_ari=english,
        cross_language=pair_counts(story, gold) - same,
        lineage_hits=sum(s.lineage_hits for s in languages),
        lineage_total=sum(s.lineage_total for s in languages),
        lineage_reachable=sum(1 for lab in labels if lab.article_id in reachable and not lab.story.startswith("neg-")),
        languages=tuple(languages),
    )
