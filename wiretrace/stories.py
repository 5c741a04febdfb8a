"""Stories: groups of articles whose text derives from one original report.

Articles are joined along verified pairs, strongest first (union-find), with one guard
against chaining: an article that *collects* text from several earlier articles (a round-up
quoting two stories) joins the story of its strongest such source only — it may not glue
two stories together. Shared quotes never join stories: pairs are verified on narrative text.

Story ids are stable across incremental runs: a story keeps its id when it grows; when
stories merge the oldest id survives and the merge is reported. A new story's id is derived
from its first member, so the same input always gives the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from wiretrace import ids
from wiretrace.disjoint import find_root

#: An edge is "collecting" when the later article contains this much of the earlier one
#: while the earlier contains less than ``COLLECT_REVERSE`` of the later.
COLLECT_FORWARD = 0.5
COLLECT_REVERSE = 0.3


@dataclass(frozen=True)
class StoryLink:
    """A verified pair as clustering sees it. ``containment_ab`` = share of a's shingles in b."""

    a: str
    b: str
    strength: float
    containment_ab: float
    containment_ba: float


@dataclass(frozen=True)
class StoryMerge:
    """Story ``merged`` was absorbed into ``survivor`` in this run."""

    survivor: str
    merged: str


@dataclass(frozen=True)
class StoryAssignment:
    """``story_of`` maps every article to its story id; ``merges`` lists absorbed stories."""

    story_of: dict[str, str]
    merges: tuple[StoryMerge, ...]


def new_story_id(first_member: str) -> str:
    """Id of a new story, derived from the id of its first member."""
    return ids.story_id(first_member)


def cluster_stories(
    article_ids: Iterable[str],
    links: Sequence[StoryLink],
    published_at: Mapping[str, datetime | None],
    previous: Mapping[str, str] | None = None,
    story_age: Mapping[str, int] | None = None,
    max_span: timedelta | None = None,
) -> StoryAssignment:
    """Assign every article to a story.

    ``previous`` maps already stored articles to their story ids; ``story_age`` ranks those
    ids by creation (lower = older). With ``max_span``, a link never joins two groups whose
    dated members would then lie further apart than that: articles without a date must not
    chain two reports weeks apart (a wire's stock paragraph recurs in every story on a
    topic). Invariant: every article in ``article_ids`` gets exactly one story; a previous id
    is reused by at most one story.
    """
    previous = previous or {}
    story_age = story_age or {}
    ids = sorted(set(article_ids))
    parent = {a: a for a in ids}

    dated = {a: t for a in ids if (t := published_at.get(a)) is not None}
    span = {a: (dated[a], dated[a]) for a in dated}
    collected: set[str] = set()
    for link in sorted(links, key=lambda e: (-e.strength, e.a, e.b)):
        if link.a not in parent or link.b not in parent:
            continue
        ra, rb = find_root(parent, link.a), find_root(parent, link.b)
        if ra == rb:
            continue
        joined = _joined_span(span.get(ra), span.get(rb))
        if max_span is not None and joined is not None and joined[1] - joined[0] > max_span:
            continue
        collector = _collector(link, published_at)
        if collector is not None:
            if collector in collected:
                continue
            collected.add(collector)
        parent[max(ra, rb)] = min(ra, rb)
        if joined is not None:
            span[min(ra, rb)] = joined

    components: dict[str, list[str]] = {}
    for a in ids:
        components.setdefault(find_root(parent, a), []).append(a)
    return _name_components(list(components.values()), published_at, previous, story_age)


def _joined_span(
    a: tuple[datetime, datetime] | None, b: tuple[datetime, datetime] | None
) -> tuple[datetime, datetime] | None:
    """(earliest, latest) date of two groups together; None when neither has a dated member."""
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), max(a[1], b[1]))


def _collector(link: StoryLink, published_at: Mapping[str, datetime | None]) -> str | None:
    """The later article of a pair when it holds most of the earlier one and much else besides."""
    ta, tb = published_at.get(link.a), published_at.get(link.b)
    if ta is None or tb is None or ta == tb:
        return None
    late, c_early_in_late, c_late_in_early = (
        (link.b, link.containment_ab, link.containment_ba)
        if ta < tb
        else (link.a, link.containment_ba, link.containment_ab)
    )
    if c_early_in_late >= COLLECT_FORWARD and c_late_in_early < COLLECT_REVERSE:
        return late
    return None


def _name_components(
    components: list[list[str]],
    published_at: Mapping[str, datetime | None],
    previous: Mapping[str, str],
    story_age: Mapping[str, int],
) -> StoryAssignment:
    def first_member(members: list[str]) -> str:
        return min(members, key=lambda a: (published_at.get(a) is None, published_at.get(a) or 0, a))

    def age(story_id: str) -> tuple[int, str]:
        return (story_age.get(story_id, 1 << 62), story_id)

    # Largest claim first, so that if a previous story is split the bigger part keeps its id.
    claims: list[tuple[int, int, list[str], list[str]]] = []
    for index, members in enumerate(components):
        old = [previous[a] for a in members if a in previous]
        claims.append((-len(old), index, members, sorted(set(old), key=age)))
    claims.sort()

    taken: set[str] = set()
    story_of: dict[str, str] = {}
    merges: list[StoryMerge] = []
    for _, _, members, old_ids in claims:
        available = [s for s in old_ids if s not in taken]
        story_id = available[0] if available else new_story_id(first_member(members))
        taken.add(story_id)
        merges.extend(StoryMerge(survivor=story_id, merged=s) for s in available[1:])
        taken.update(available[1:])
        for a in members:
            story_of[a] = story_id
    return StoryAssignment(story_of=story_of, merges=tuple(merges))


@dataclass(frozen=True)
class RegionChanges:
    """What re-clustering a region does to the stored stories.

    Invariants: ``touched`` is sorted; ``members`` are exactly the region's articles whose
    story is in ``touched`` and still exists; ``gone`` (sorted) are the touched stories left
    without members; ``new`` are ``(story_id, first member)`` of touched stories not stored
    before, by story id, the first member being the story's smallest article id.
    """

    touched: tuple[str, ...]
    members: tuple[tuple[str, str], ...]
    gone: tuple[str, ...]
    new: tuple[tuple[str, str], ...]
    merges: tuple[StoryMerge, ...]

    @property
    def alive(self) -> list[str]:
        """The touched stories that still exist, sorted."""
        gone = set(self.gone)
        return [s for s in self.touched if s not in gone]


def recluster_region(
    published_at: Mapping[str, datetime | None],
    links: Sequence[StoryLink],
    stored: Sequence[tuple[str, str, int]],
    written: Iterable[str],
    max_span: timedelta | None = None,
) -> RegionChanges:
    """Re-cluster a region of the pair graph (the articles keyed in ``published_at``: a run's
    articles and all they connect to) and say which stories change.

    ``stored`` holds ``(article_id, story_id, story_age)`` of the region's stored articles;
    ``written`` the articles the run wrote. A story is touched when an article joins or leaves
    it, or when one of its stored articles got a new version (its lineage changes even when its
    members do not). Stories outside the region are never touched.
    """
    previous = {article_id: story_id for article_id, story_id, _ in stored}
    age = {story_id: story_age for _, story_id, story_age in stored}
    assignment = cluster_stories(published_at.keys(), links, published_at, previous, age, max_span)
    story_of = assignment.story_of
    changed = {a: s for a, s in story_of.items() if previous.get(a) != s}
    revised = [a for a in written if a in previous]
    touched = sorted(
        set(changed.values()) | {previous[a] for a in changed if a in previous} | {story_of[a] for a in revised}
    )
    alive = set(story_of.values())
    touched_set = set(touched)
    members = [(a, s) for a, s in story_of.items() if s in touched_set]
    first = {s: a for a, s in sorted(members, reverse=True)}  # the smallest member id wins
    return RegionChanges(
        touched=tuple(touched),
        members=tuple(members),
        gone=tuple(s for s in touched if s not in alive),
        new=tuple((s, first[s]) for s in touched if s in alive and s not in age),
        merges=assignment.merges,
    )
