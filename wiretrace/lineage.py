"""Lineage: for every article of a story, where its text came from.

Each derived article gets exactly one primary parent — an earlier ingested article, or the
wire it cites when no ingested article explains it — and optional alternatives with lower
confidence. Direction comes from publication time when both articles are dated; otherwise
from *sourceness*: a source holds more of its derivatives' text (and quotes) than they hold
of it. Articles are put in one total order per story, and parents are always earlier in that
order, so lineage is acyclic by construction.

The relation of an edge to an earlier article follows the pair's text: ``verbatim`` (Jaccard
>= 0.8), ``excerpt`` (>= 0.8 of the child in the parent), else ``rewrite``. The text of a cited
wire that is not ingested is never seen, so the relation of an edge to it is decided from what
the child shows and what its story's other members hold of it (:func:`wire_relation`):

- ``rewrite`` unless the child carries the wire's own credit (a dateline "LONDON (Reuters) -",
  "/TASS/", a byline, a copyright or published-by line: :data:`_WIRE_CREDIT`) and never reports
  it in its own words ("..., Reuters reports", "according to Reuters": :data:`_REPORTED_CITATION`)
  or as a contributor: a child naming the wire only as a speaker's interlocutor ("told AFP",
  "en declaraciones a EFE") or not at all (its wire is the story's) is taken to write its own text;
- a child carrying the credit is the wire's copy: ``excerpt`` when a longer member holds
  >= 0.8 of its text, ``verbatim`` when a member of its length does, ``rewrite`` when the closest
  member holds only 0.5-0.8 of it and is no part of it (the same text in partly other words: an
  edited copy), and ``verbatim`` otherwise (nothing contradicts the credit).

A light edit that keeps the wire's dateline and has no close version in its story looks
exactly like the wire's copy, and is labelled ``verbatim``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from wiretrace.shingles import text_shingles
from wiretrace.verify import PairEvidence

#: Weights of the parent score: how much of the child the parent explains.
W_CONTAINMENT = 0.5
W_ALIGNED = 0.3
W_QUOTES = 0.2
#: Bonus when the child cites the candidate's outlet by name ("told Fox News").
W_CITES_OUTLET = 0.15
#: A candidate's own parent is preferred when it explains the child almost as well: copies
#: of a source resemble each other through the source, so the source is the simpler parent.
CLIMB_MARGIN = 0.2
#: Weight of *exclusive* support: the share of the child's shingles that, in the whole story,
#: only the child and this candidate hold. Copies of one source resemble each other through
#: the source; a copy of a copy inherits its parent's own edits, which nobody else has.
W_EXCLUSIVE = 0.5
#: Below this exclusive share an ingested candidate explains nothing that the story's common
#: text does not, so a cited wire that is not ingested is the better parent.
EXCLUSIVE_FLOOR = 0.05

#: A citation that *reports* what the wire said ("Reuters reports", "according to AP", "the
#: Reuters report"): the article retells the wire in its own words, so its text is its own.
#: Any other form (a dateline "(AP) -", a byline, a copyright line, "told AFP") is what the
#: wire's own copy carries: an article citing the wire only so is a copy of it. English only:
#: national agencies' own copy reports their scoops in such words ("secondo quanto apprende
#: l'ANSA", "según ha sabido EFE"), so in other languages they do not tell a retelling.
_REPORTED_CITATION = re.compile(
    r"(?i)\b(?:reports?|reported|reporting|says|said|wrote|writes|quoted|quotes|cited|cites|according\s+to"
    r"|report|story|article)\b"
)


@dataclass(frozen=True)
class Member:
    """An article as lineage sees it. ``cited`` holds (source, kind, phrase) attributions."""

    article_id: str
    outlet: str
    headline: str
    published_at: datetime | None
    n_quotes: int
    cited: tuple[tuple[str, str, str], ...] = ()
    #: word shingles of the clean text (see :mod:`wiretrace.shingles`); empty when unknown
    shingles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LineageEdge:
    """One row of ``lineage.edges`` (less its story and run), as lineage writes it and ``wiretrace
    explain`` reads it back: exactly one of parent_article_id / parent_source is set; ``evidence`` is JSON text."""

    article_id: str
    parent_article_id: str | None
    parent_source: str | None
    relation: str
    confidence: float
    is_primary: bool
    evidence: str


@dataclass(frozen=True)
class StoryLineage:
    story_id: str
    root_article_id: str
    wire_source: str | None
    headline: str
    edges: tuple[LineageEdge, ...]


@dataclass(frozen=True)
class _Directed:
    """A verified pair seen from child to parent."""

    pair: PairEvidence
    child: str
    parent: str

    def child_in_parent(self) -> float:
        return self.pair.containment_ab if self.child == self.pair.a else self.pair.containment_ba

    def parent_in_child(self) -> float:
        return self.pair.containment_ba if self.child == self.pair.a else self.pair.containment_ab

    def narrative_child_in_parent(self) -> float:
        p = self.pair
        return p.narrative_containment_ab if self.child == p.a else p.narrative_containment_ba

    def aligned_child(self) -> float:
        return self.pair.aligned_share_ab if self.child == self.pair.a else self.pair.aligned_share_ba


def infer_stories(
    stories: Sequence[tuple[str, Sequence[Member], Sequence[PairEvidence]]],
    texts: Mapping[str, str],
    shingle_size: int,
) -> list[StoryLineage]:
    """:func:`infer_lineage` of independent stories (story id, members, pairs), one result each, in order.

    Members come without shingles; each gets the word ``shingle_size``-shingles of its clean
    text in ``texts``, here, so that a batch of stories is one worker process's whole job.
    """
    return [
        infer_lineage(
            story_id,
            [replace(m, shingles=frozenset(text_shingles(texts[m.article_id], shingle_size))) for m in members],
            pairs,
        )
        for story_id, members, pairs in stories
    ]


def infer_lineage(story_id: str, members: Sequence[Member], pairs: Sequence[PairEvidence]) -> StoryLineage:
    """Parents, alternatives and the root of one story.

    ``pairs`` are the verified pairs among ``members``. Invariant: every member but the root
    of the order has at most one primary edge; the root has a primary edge only to a cited
    wire; every parent article is earlier than its child in the story order.
    """
    by_id = {m.article_id: m for m in members}
    neighbours: dict[str, list[PairEvidence]] = {m.article_id: [] for m in members}
    for p in pairs:
        if p.verified and p.a in by_id and p.b in by_id:
            neighbours[p.a].append(p)
            neighbours[p.b].append(p)
    order = story_order(members, neighbours)
    rank = {a: i for i, a in enumerate(order)}
    text = _StoryText(members)
    story_wire = _story_wire(members)

    edges: list[LineageEdge] = []
    primary_of: dict[str, str] = {}
    for article_id in order:
        child = by_id[article_id]
        earlier = [
            _Directed(p, article_id, p.b if p.a == article_id else p.a)
            for p in neighbours[article_id]
            if rank[p.b if p.a == article_id else p.a] < rank[article_id]
        ]
        child_edges = _parents(child, earlier, by_id, primary_of, text, story_wire, neighbours[article_id])
        primary = next((e.parent_article_id for e in child_edges if e.is_primary and e.parent_article_id), None)
        if primary is not None:
            primary_of[article_id] = primary
        edges.extend(child_edges)

    root = by_id[order[0]]
    root_wire = next((e.parent_source for e in edges if e.article_id == root.article_id and e.is_primary), None)
    return StoryLineage(
        story_id=story_id,
        root_article_id=root.article_id,
        wire_source=root_wire,
        headline=root.headline,
        edges=tuple(edges),
    )


def story_order(members: Sequence[Member], neighbours: Mapping[str, Sequence[PairEvidence]]) -> list[str]:
    """Members from source to derivative: by date when known, else by sourceness.

    An undated article is placed at the date of its dated neighbours: after those that look
    like its sources, before those that look like its copies.
    """
    by_id = {m.article_id: m for m in members}
    source = {m.article_id: _sourceness(m, neighbours[m.article_id], by_id) for m in members}
    dated = [m.published_at for m in members if m.published_at is not None]
    story_start = min(dated) if dated else None

    def when(m: Member) -> datetime | None:
        if m.published_at is not None:
            return m.published_at
        sources: list[datetime] = []
        copies: list[datetime] = []
        for p in neighbours[m.article_id]:
            other = by_id[p.b if p.a == m.article_id else p.a]
            if other.published_at is None:
                continue
            (sources if source[other.article_id] >= source[m.article_id] else copies).append(other.published_at)
        if sources:
            return max(sources)
        if copies:
            return min(copies)
        return story_start

    def key(m: Member) -> tuple[float, float, str]:
        t = when(m)
        return (t.timestamp() if t is not None else 0.0, -source[m.article_id], m.article_id)

    return [m.article_id for m in sorted(members, key=key)]


def _sourceness(m: Member, pairs: Sequence[PairEvidence], by_id: Mapping[str, Member]) -> float:
    """How much more of its neighbours' text and quotes this article holds than they hold of it."""
    score = 0.0
    for p in pairs:
        mine_in_other, other_in_mine = (
            (p.containment_ab, p.containment_ba) if p.a == m.article_id else (p.containment_ba, p.containment_ab)
        )
        other = by_id[p.b if p.a == m.article_id else p.a]
        shared = len(p.shared_quotes)
        quote_balance = _share(shared, other.n_quotes) - _share(shared, m.n_quotes)
        score += other_in_mine - mine_in_other + 0.5 * quote_balance
    return score


def _share(n: int, d: int) -> float:
    return min(1.0, n / d) if d else 0.0


class _StoryText:
    """How many members of a story hold each shingle: what is common, what is exclusive."""

    def __init__(self, members: Sequence[Member]) -> None:
        self._holders = Counter(s for m in members for s in m.shingles)
        self._shingles = {m.article_id: m.shingles for m in members}

    def exclusive_share(self, child: str, parent: str) -> float:
        """Share of ``child``'s shingles that only ``child`` and ``parent`` hold in the story."""
        mine = self._shingles[child]
        if not mine:
            return 0.0
        shared = mine & self._shingles[parent]
        return sum(1 for s in shared if self._holders[s] == 2) / len(mine)


def _story_wire(members: Sequence[Member]) -> str | None:
    """The wire cited by most of the story's members (ties: most citations, then name) whose own
    text is not ingested, if any. A story derives from one original report: a wire another member
    names in passing ("according to Anadolu") is a source the report quotes, not the story's wire."""
    outlets = {m.outlet.casefold() for m in members}
    citing = Counter(w for m in members for w in set(_source_wires(m)))
    citations = Counter(w for m in members for w in _source_wires(m))
    ranked = sorted(citing, key=lambda w: (-citing[w], -citations[w], w))
    return next((w for w in ranked if w.casefold() not in outlets), None)


#: "Reuters contributed to this report", "AFP contributed reporting": another agency's reporters
#: helped; the text is still its own agency's, so the credit never names the story's source.
_CONTRIBUTOR_CREDIT = re.compile(r"(?i)\bcontribut")


def _source_wires(member: Member) -> list[str]:
    """The wires ``member`` cites as a source of its text, once per citation (contributor credits left out)."""
    return [
        source for source, kind, phrase in member.cited if kind == "wire" and not _CONTRIBUTOR_CREDIT.search(phrase)
    ]


def _retells_wire(member: Member, wire: str) -> bool:
    """Whether ``member`` cites ``wire`` as a source it reports on, in its own words (see
    :data:`_REPORTED_CITATION`), rather than carrying the wire's own credit."""
    return any(source == wire and _REPORTED_CITATION.search(phrase) for source, _, phrase in member.cited)


#: Share of a credited child's text that another member must hold for the child to count as a
#: copy of the same words: at least this, with the other member longer, makes it an excerpt.
COPY_CONTAINMENT = 0.8
#: A member holding at least this share of a credited child's text, but under
#: :data:`COPY_CONTAINMENT`, is the same text in partly other words: one of the two edited it.
EDITED_CONTAINMENT = 0.5


#: The wire's own credit on its copy, in any language: a dateline naming it in parentheses or
#: slashes ("LONDON (Reuters)", "(dpa)", "MOSCOW, December 26. /TASS/"), a byline ("By The
#: Associated Press", "By Jane Doe - Associated Press"), a copyright line, a published-by line
#: ("Publicado por Efe"), dpa's "dpa-infocom" or a "Reuters :" opening. "Told AFP", "en
#: declaraciones a EFE" or "сообщает ТАСС" are no credit: retellings use them as much as copies.
_WIRE_CREDIT = re.compile(
    r"(?i)[(/][^()/]{1,40}[)/]|^by\b|\s-\s|©|\bcopyright\b|dpa-infocom|^\S[^:]{0,30}\s:$"
    r"|\b(?:published|posted|publicad[oa]|publicat|pubblicato|veröffentlicht|publié)\s+(?:by|por|per|da|von|par)\b"
)


def _carries_wire_copy(member: Member, wire: str) -> bool:
    """Whether ``member`` carries ``wire``'s own credit (:data:`_WIRE_CREDIT`) and never cites it
    as a retelling ("..., Reuters reports": :data:`_REPORTED_CITATION`) or a contributor."""
    phrases = [phrase for source, kind, phrase in member.cited if source == wire and kind == "wire"]
    return any(_WIRE_CREDIT.search(phrase) for phrase in phrases) and not any(
        _REPORTED_CITATION.search(phrase) or _CONTRIBUTOR_CREDIT.search(phrase) for phrase in phrases
    )


def wire_relation(child: Member, wire: str, pairs: Sequence[PairEvidence]) -> tuple[str, dict[str, object]]:
    """The relation of ``child`` to the cited ``wire`` (not ingested), with its basis as evidence.

    ``pairs`` are the child's verified pairs in its story; "holds" below is the share of the
    child's shingles the other member has. Rules, in order (see the module docstring):

    1. the child does not carry the wire's own credit (:func:`_carries_wire_copy`): ``rewrite``;
    2. a longer member holds >= :data:`COPY_CONTAINMENT` of it: ``excerpt`` (the wire's text is
       at least that long);
    3. a member holds >= :data:`COPY_CONTAINMENT` of it (and it as much of that member): ``verbatim``;
    4. the member holding most of it holds >= :data:`EDITED_CONTAINMENT` of it, and the child holds
       under :data:`COPY_CONTAINMENT` of that member (it is no shorter part of the child): ``rewrite``
       (two versions of one text whose words differ: the child is not taken as the wire's exact copy);
    5. otherwise ``verbatim``: the credit is the evidence, and no other member contradicts it.
    """
    if not _carries_wire_copy(child, wire):
        return "rewrite", {"relation_basis": "the child retells the wire or does not credit it"}
    closest: tuple[float, float, str] | None = None
    longer: tuple[float, str] | None = None
    for p in pairs:  # in any order: ties are broken by article id, so the result never depends on it
        mine = p.a == child.article_id
        held, holds_other = (p.containment_ab, p.containment_ba) if mine else (p.containment_ba, p.containment_ab)
        other = p.b if mine else p.a
        if held >= COPY_CONTAINMENT and holds_other < COPY_CONTAINMENT and (longer is None or (held, other) > longer):
            longer = (held, other)  # the longer member holding most of the child
        if closest is None or (held, -holds_other, other) > (closest[0], -closest[1], closest[2]):
            closest = (held, holds_other, other)  # the member holding most of the child
    if longer is not None:
        return "excerpt", {"relation_basis": "credits the wire; a longer member holds its text", "copy_of": longer[1]}
    if closest is not None and closest[0] >= COPY_CONTAINMENT:
        return "verbatim", {"relation_basis": "credits the wire; another member holds its text", "copy_of": closest[2]}
    if closest is not None and closest[0] >= EDITED_CONTAINMENT and closest[1] < COPY_CONTAINMENT:
        return "rewrite", {
            "relation_basis": "credits the wire, but another member holds its text in partly other words",
            "edited_version": closest[2],
        }
    return "verbatim", {"relation_basis": "credits the wire and does not retell it"}


def _parents(
    child: Member,
    earlier: Sequence[_Directed],
    by_id: Mapping[str, Member],
    primary_of: Mapping[str, str],
    text: _StoryText,
    story_wire: str | None,
    pairs: Sequence[PairEvidence] = (),
) -> list[LineageEdge]:
    """The edges of one child: ranked ingested candidates and cited wires (``pairs``: all the
    child's verified pairs, which tell an excerpt of a wire from its whole copy).

    When the story's wire (or one the child cites) is not ingested, it comes first unless the
    child names its nearest ingested candidate's outlet, or that candidate retells the wire in
    its own words and shares text with the child that no other member holds (a rewrite copied
    by the child: Reuters -> outlet A -> outlet B). Copies of one wire look alike through the
    wire and, cut at different lengths, even share text no third copy holds, so a sibling is
    never taken for the source on the text of a plain copy.
    """
    cited_sources = {source.casefold() for source, _, _ in child.cited}
    exclusive = {d.parent: text.exclusive_share(child.article_id, d.parent) for d in earlier}
    scored = sorted(
        ((_parent_score(d, child, by_id, cited_sources, exclusive[d.parent]), d) for d in earlier),
        key=lambda sd: (-sd[0], sd[1].parent),
    )
    scored = _climb(scored, primary_of)
    wires = Counter(_source_wires(child))
    ranked_wires = ([story_wire] if story_wire is not None else []) + [w for w, _ in wires.most_common()]
    ingested_outlets = {by_id[d.parent].outlet.casefold() for _, d in scored} | {child.outlet.casefold()}
    hidden = [(w, wires[w]) for w in dict.fromkeys(ranked_wires) if w.casefold() not in ingested_outlets]
    best = by_id[scored[0][1].parent] if scored else None
    wire_first = bool(hidden) and (
        best is None
        or not (
            best.outlet.casefold() in cited_sources  # the child names the candidate's outlet
            or (exclusive[best.article_id] >= EXCLUSIVE_FLOOR and _retells_wire(best, hidden[0][0]))
        )
    )

    edges: list[LineageEdge] = []
    if not wire_first:
        for score, d in scored:
            edges.append(_article_edge(child, d, by_id, score, is_primary=not edges))
    for wire, n_citations in hidden:
        phrases = [phrase for source, _, phrase in child.cited if source == wire]
        is_primary = not edges
        confidence = min(0.9, 0.6 + 0.1 * n_citations) if is_primary else min(0.45, 0.25 + 0.05 * n_citations)
        if edges and confidence >= edges[0].confidence:
            confidence = round(edges[0].confidence * 0.9, 3)
        evidence: dict[str, object] = {
            "method": "attribution" if phrases else "story_wire",
            "source": wire,
            "attributions": phrases,
        }
        if wire_first and best is not None:
            evidence.update(nearest_article=best.article_id, exclusive_share=round(exclusive[best.article_id], 4))
        relation, basis = wire_relation(child, wire, pairs)
        evidence.update(basis)
        edges.append(
            LineageEdge(
                article_id=child.article_id,
                parent_article_id=None,
                parent_source=wire,
                relation=relation,
                confidence=round(confidence, 3),
                is_primary=is_primary,
                evidence=json.dumps(evidence, sort_keys=True),
            )
        )
    if wire_first:
        for score, d in scored:
            edges.append(_article_edge(child, d, by_id, score, is_primary=False))
    return edges


def _climb(scored: list[tuple[float, _Directed]], primary_of: Mapping[str, str]) -> list[tuple[float, _Directed]]:
    """Move the best candidate up its own primary parents while they score within ``CLIMB_MARGIN``."""
    if not scored:
        return scored
    by_parent = {d.parent: (score, d) for score, d in scored}
    best_score, best = scored[0]
    chosen = best.parent
    while chosen in primary_of and primary_of[chosen] in by_parent:
        ancestor = primary_of[chosen]
        if by_parent[ancestor][0] < best_score - CLIMB_MARGIN:
            break
        chosen = ancestor
    return [by_parent[chosen]] + [sd for sd in scored if sd[1].parent != chosen]


def _parent_score(d: _Directed, child: Member, by_id: Mapping[str, Member], cited: set[str], exclusive: float) -> float:
    parent = by_id[d.parent]
    quotes = _share(len(d.pair.shared_quotes), child.n_quotes)
    score = W_CONTAINMENT * d.child_in_parent() + W_ALIGNED * d.aligned_child() + W_QUOTES * quotes
    score += W_EXCLUSIVE * exclusive
    if parent.outlet.casefold() in cited:
        score += W_CITES_OUTLET
    return score


def _article_edge(
    child: Member, d: _Directed, by_id: Mapping[str, Member], score: float, *, is_primary: bool
) -> LineageEdge:
    parent = by_id[d.parent]
    p = d.pair
    if p.jaccard >= 0.8:
        relation = "verbatim"
    elif d.child_in_parent() >= 0.8:
        relation = "excerpt"
    else:
        relation = "rewrite"
    gap = None
    if child.published_at is not None and parent.published_at is not None:
        gap = round((child.published_at - parent.published_at).total_seconds() / 3600, 2)
    cites_parent = [phrase for source, _, phrase in child.cited if source.casefold() == parent.outlet.casefold()]
    evidence = {
        "method": "minhash+verify",
        "jaccard": round(p.jaccard, 4),
        "containment_child_in_parent": round(d.child_in_parent(), 4),
        "containment_parent_in_child": round(d.parent_in_child(), 4),
        "narrative_containment_child_in_parent": round(d.narrative_child_in_parent(), 4),
        "aligned_sentences": len(p.aligned),
        "aligned_share_child": round(d.aligned_child(), 4),
        "shared_quotes": list(p.shared_quotes),
        "attributions": cites_parent,
        "time_gap_hours": gap,
        "direction": "published_at" if gap is not None else "sourceness",
        "score": round(score, 4),
    }
    confidence = min(0.99, 0.3 + 0.7 * min(1.0, score))
    if not is_primary:
        confidence *= 0.8
    return LineageEdge(
        article_id=child.article_id,
        parent_article_id=parent.article_id,
        parent_source=None,
        relation=relation,
        confidence=round(confidence, 3),
        is_primary=is_primary,
        evidence=json.dumps(evidence, sort_keys=True),
    )
