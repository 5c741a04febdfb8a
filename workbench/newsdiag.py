"""Why a real-news evaluation went wrong: the wrong merges, splits and parents, with evidence.

Reads nothing: it takes the labels, the predicted stories and parents, the verified pairs
and the clean texts, and says, for each wrong decision, which pair of articles made it and
on what evidence, so one can read a wrong merge in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wiretrace.params import VerifyParams
from wiretrace.verify import PairEvidence, TextProfile, compare, profile
from workbench.scores import NewsLabel, NewsScores, lineage_hit, news_scores, url_key


@dataclass(frozen=True)
class NewsDiagnosis:
    """Readable lines, one block per wrong decision: merges (a verified pair across labelled
    stories that ended in one story), splits (a labelled story's parts and the nearest pair
    between them), primary parents, and languages detected unlike the label."""

    merges: tuple[str, ...]
    splits: tuple[str, ...]
    parents: tuple[str, ...]
    languages: tuple[str, ...]


@dataclass(frozen=True)
class NewsSetResult:
    """One labelled set's run: its warehouse, scores and diagnosis, and what they were computed
    from (labels, predicted story of each article, primary parent as (article id, source))."""

    dev_set: str
    db: str
    scores: NewsScores
    diagnosis: NewsDiagnosis
    labels: tuple[NewsLabel, ...]
    story: Mapping[str, str]
    primary: Mapping[str, tuple[str | None, str | None]]
    reachable: frozenset[str]


def overall_scores(results: Sequence[NewsSetResult]) -> NewsScores:
    """The measures over every set together (sets never share a story: ids are set-qualified)."""
    story = {a: f"{r.dev_set}/{s}" for r in results for a, s in r.story.items()}
    primary = {a: p for r in results for a, p in r.primary.items()}
    reachable = frozenset().union(*(r.reachable for r in results))
    return news_scores([label for r in results for label in r.labels], story, primary, reachable)


def _evidence(p: PairEvidence, profiles: Mapping[str, TextProfile]) -> str:
    line = (
        f"nc {p.narrative_containment_ab:.2f}/{p.narrative_containment_ba:.2f} "
        f"c {p.containment_ab:.2f}/{p.containment_ba:.2f} aligned {len(p.aligned)} "
        f"({p.aligned_share_ab:.2f}/{p.aligned_share_ba:.2f}) shared {p.shared_narrative} "
        f"quotes {len(p.shared_quotes)} strength {p.strength:.2f}"
    )
    shown = []
    pa_, pb = profiles.get(p.a), profiles.get(p.b)
    if pa_ is not None and pb is not None:
        for i, j in p.aligned[:2]:
            if i < len(pa_.sentence_texts) and j < len(pb.sentence_texts):
                shown.append(f"      ~ {pa_.sentence_texts[i][:140]!r}\n        {pb.sentence_texts[j][:140]!r}")
    return "\n".join([line, *shown])


def diagnose_news(
    labels: Sequence[NewsLabel],
    story: Mapping[str, str],
    primary: Mapping[str, tuple[str | None, str | None]],
    pairs: Sequence[PairEvidence],
    texts: Mapping[str, tuple[str, list[str]]],
    detected_lang: Mapping[str, str | None],
    cited: Sequence[tuple[str, str, str]],
    params: VerifyParams | None = None,
) -> NewsDiagnosis:
    """Lines of text describing every wrong merge, split and parent (see module doc)."""
    params = params or VerifyParams()
    lab = {x.article_id: x for x in labels if x.article_id in story}
    profiles = {a: profile(a, t, q, params.shingle_size, params.wording_run) for a, (t, q) in texts.items() if a in lab}

    merges = []
    for p in pairs:
        if p.a in lab and p.b in lab and lab[p.a].story != lab[p.b].story and story[p.a] == story[p.b]:
            same_lang = lab[p.a].lang == lab[p.b].lang
            merges.append(
                f"  {p.a} [{lab[p.a].story}] + {p.b} [{lab[p.b].story}]"
                f"{'' if same_lang else ' (cross-language)'} {p.relation}\n    {_evidence(p, profiles)}"
            )

    splits = []
    by_gold: dict[str, list[str]] = {}
    for a, x in lab.items():
        by_gold.setdefault(x.story, []).append(a)
    for gold, members in sorted(by_gold.items()):
        parts: dict[str, list[str]] = {}
        for a in members:
            parts.setdefault(story[a], []).append(a)
        if len(parts) < 2:
            continue
        groups = sorted(parts.values(), key=len, reverse=True)
        splits.append(f"  {gold}: " + " | ".join(" ".join(sorted(g)) for g in groups))
        main = groups[0]
        for other in groups[1:]:
            best = max(
                (compare(profiles[a], profiles[b], params) for a in main for b in other if {a, b} <= profiles.keys()),
                key=lambda e: max(e.narrative_containment_ab, e.narrative_containment_ba),
                default=None,
            )
            if best is not None:
                langs = f"{lab[best.a].lang}/{lab[best.b].lang}"
                splits.append(f"    nearest {best.a} ~ {best.b} ({langs}): {_evidence(best, profiles)}")

    id_of_url = {key: x.article_id for x in lab.values() if (key := url_key(x.url))}
    citations: dict[str, list[str]] = {}
    for a, source, phrase in cited:
        citations.setdefault(a, []).append(f"{source}: {phrase[:60]!r}")
    parents = []
    for a, x in sorted(lab.items()):
        if not x.derived_from or x.story.startswith("neg-"):
            continue
        got = primary.get(a, (None, None))
        if not lineage_hit(x, *got, id_of_url):
            want = id_of_url.get(url_key(x.derived_from) or "", x.derived_from)
            parents.append(
                f"  {a}: labelled {want}, got {got[0] or got[1] or 'no parent'}; cites {citations.get(a, [])[:4]}"
            )

    languages = [
        f"  {a}: labelled {x.lang}, detected {detected_lang.get(a)}"
        for a, x in sorted(lab.items())
        if detected_lang.get(a) != x.lang
    ]
    return NewsDiagnosis(tuple(merges), tuple(splits), tuple(parents), tuple(languages))


def format_news_result(result: NewsSetResult) -> str:
    """The set's measures, a table per language, then every wrong decision."""
    lines = [
        f"== set {result.dev_set}: {result.scores.n_articles} articles (warehouse {result.db}) ==",
        *measure_lines(result.scores),
    ]
    d = result.diagnosis
    for title, items in (
        ("wrong merges (verified pairs across labelled stories, in one predicted story)", d.merges),
        ("splits (labelled stories cut apart; nearest pair between the parts)", d.splits),
        ("wrong primary parents", d.parents),
        ("languages detected differently from the label", d.languages),
    ):
        lines += ["", f"{title}: {len(items)}", *items]
    return "\n".join(lines)


def measure_lines(s: NewsScores) -> list[str]:
    """The measures of :func:`~workbench.scores.news_scores` and a table per language."""
    lines = [
        f"same-language pair precision {s.same_language.precision:.3f}  recall {s.same_language.recall:.3f}"
        f"  ({s.same_language.together}/{s.same_language.predicted} predicted, {s.same_language.true} labelled)",
        f"same-language ARI            {s.same_language_ari:.3f}",
        f"English ARI                  {'-' if s.english_ari is None else f'{s.english_ari:.3f}'}",
        f"cross-language precision     {s.cross_language.precision:.3f}  recall {s.cross_language.recall:.3f}"
        f"  ({s.cross_language.together}/{s.cross_language.predicted} predicted, {s.cross_language.true} labelled)",
        f"lineage accuracy             {s.lineage_accuracy:.3f}  ({s.lineage_hits}/{s.lineage_total})",
        f"lineage ceiling              {s.lineage_ceiling:.3f}  ({s.lineage_reachable}/{s.lineage_total}"
        " whose source an article of the set is, or a member of the story names)",
        "",
        f"{'lang':<6}{'articles':>9}{'precision':>11}{'recall':>8}{'ARI':>7}{'lineage':>10}",
    ]
    for x in s.languages:
        lineage = f"{x.lineage_hits}/{x.lineage_total}" if x.lineage_total else "-"
        lines.append(
            f"{x.lang:<6}{x.n_articles:>9}{x.pairs.precision:>11.3f}{x.pairs.recall:>8.3f}{x.ari:>7.3f}{lineage:>10}"
        )
    return lines
