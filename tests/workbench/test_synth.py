"""Tests for the synthetic corpus generator (workbench.synth).

Similarity checks use plain Python sets of lowercase word 3-shingles (words = ``\\w+``),
with each outlet's boilerplate paragraphs removed first.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from workbench.synth import (
    DEFAULT_START,
    KINDS,
    LABELS_SCHEMA,
    OUTLETS,
    WIRES,
    SyntheticArticle,
    SyntheticCorpus,
    boilerplate_lines,
    generate_corpus,
    iter_articles,
    stories_for_articles,
    strip_page_noise,
    write_jsonl,
)
from workbench.synth.stories import DERIVED_KIND_WEIGHTS, MAX_DERIVED

WORD = re.compile(r"\w+")
QUOTE = re.compile(r"[\"“]([^\"”]+)[\"”]")
WIRE_NAMES = {w.name for w in WIRES}
DERIVED_KINDS = {"verbatim", "excerpt", "light", "heavy", "outlet_copy"}
ROOT_KINDS = {"wire_original", "same_event", "unrelated"}
WIRE_CITATION = re.compile(
    "|".join(re.escape(alias) for w in WIRES for alias in (w.name, *w.aliases) if alias != "dpa") + r"|\bdpa\b"
)


# ------------------------------------------------------------------------------ helpers


def body(a: SyntheticArticle) -> str:
    """The article text without its page noise and its outlet's boilerplate paragraphs."""
    bp = boilerplate_lines(a.outlet)
    return "\n\n".join(p for p in strip_page_noise(a.text).split("\n\n") if p not in bp)


def shingles(text: str) -> set[tuple[str, ...]]:
    w = WORD.findall(text.lower())
    return {tuple(w[i : i + 3]) for i in range(len(w) - 2)}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Share of ``a``'s shingles that occur in ``b``."""
    return len(a & b) / len(a) if a else 0.0


def quotes(text: str) -> set[str]:
    """Text inside quote marks (straight or curly)."""
    return set(QUOTE.findall(text))


def narrative(a: SyntheticArticle) -> str:
    """Body paragraphs that contain no quotation."""
    return "\n\n".join(p for p in body(a).split("\n\n") if not QUOTE.search(p))


def parent_pairs(
    corpus: SyntheticCorpus, index: dict[str, SyntheticArticle], kind: str
) -> list[tuple[SyntheticArticle, SyntheticArticle]]:
    """(article, parent article) for every article of ``kind`` whose parent is ingested."""
    return [(a, index[a.parent_article_id]) for a in corpus.articles if a.kind == kind and a.parent_article_id]


def by_story(corpus: SyntheticCorpus) -> dict[str, list[SyntheticArticle]]:
    stories: dict[str, list[SyntheticArticle]] = defaultdict(list)
    for a in corpus.articles:
        stories[a.story_key].append(a)
    return stories


# ------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def corpus() -> SyntheticCorpus:
    """Default settings: half of the wire originals are ingested."""
    return generate_corpus(1500, seed=3)


@pytest.fixture(scope="module")
def full() -> SyntheticCorpus:
    """Every wire original ingested, so every parent text is available."""
    return generate_corpus(800, seed=5, include_wire_text=1.0)


@pytest.fixture(scope="module")
def full_index(full: SyntheticCorpus) -> dict[str, SyntheticArticle]:
    return {a.article_id: a for a in full.articles}


# ------------------------------------------------------------------------------ determinism and API


def test_same_seed_gives_identical_records_and_labels() -> None:
    a, b = generate_corpus(60, seed=11), generate_corpus(60, seed=11)
    assert a.records() == b.records()
    assert a.labels().equals(b.labels())


def test_different_seed_gives_different_corpus() -> None:
    a, b = generate_corpus(60, seed=11), generate_corpus(60, seed=12)
    assert {r["id"] for r in a.records()}.isdisjoint({r["id"] for r in b.records()})
    assert [r["text"] for r in a.records()] != [r["text"] for r in b.records()]


def test_iter_articles_streams_the_same_articles() -> None:
    assert (
        list(iter_articles(40, seed=2, include_wire_text=0.3))
        == generate_corpus(40, seed=2, include_wire_text=0.3).articles
    )


def test_story_slots_are_independent_of_corpus_size() -> None:
    """A longer corpus with the same seed starts with the shorter one (stable ids)."""
    short, long = generate_corpus(30, seed=4), generate_corpus(60, seed=4)
    assert long.articles[: len(short.articles)] == short.articles


def test_shards_concatenate_to_the_whole_corpus() -> None:
    """Slots depend only on themselves and their predecessor, so generation can be split
    (including at a same-event sibling, whose event comes from the previous slot)."""
    whole = generate_corpus(90, seed=6, include_wire_text=0.7).articles
    shards = [generate_corpus(30, seed=6, include_wire_text=0.7, first_story=k).articles for k in (0, 30, 60)]
    assert [a for shard in shards for a in shard] == whole
    siblings = [int(a.story_key.split("-")[1]) for a in whole if a.kind == "same_event"]
    for slot in siblings[:3]:
        shard = generate_corpus(1, seed=6, include_wire_text=0.7, first_story=slot).articles
        assert shard == [a for a in whole if a.story_key == f"story-{slot:05d}"]


def test_article_fields(corpus: SyntheticCorpus) -> None:
    ids = [a.article_id for a in corpus.articles]
    assert len(ids) == len(set(ids))
    hosts = {o.host for o in OUTLETS} | {w.host for w in WIRES}
    for a in corpus.articles:
        assert a.kind in KINDS
        assert a.text.strip() and a.title.strip()
        assert a.published_at.tzinfo is not None and a.published_at.utcoffset() == timedelta(0)
        assert a.published_at >= DEFAULT_START
        host = a.url.split("/")[2].removeprefix("www.")
        assert a.url.startswith("https://") and host in hosts
        if a.kind in ("wire_original", "same_event"):
            assert a.outlet in WIRE_NAMES
        else:
            assert a.outlet not in WIRE_NAMES


def test_records_and_labels(corpus: SyntheticCorpus) -> None:
    records = corpus.records()
    assert len(records) == len(corpus.articles)
    for rec, a in zip(records, corpus.articles, strict=True):
        assert set(rec) == {"id", "url", "outlet", "title", "published_at", "text"}
        assert rec["id"] == a.article_id
        assert isinstance(rec["published_at"], str)
        assert datetime.fromisoformat(rec["published_at"]) == a.published_at
    labels = corpus.labels()
    assert labels.schema.equals(LABELS_SCHEMA)
    assert labels.num_rows == len(records)
    assert labels.column("article_id").to_pylist() == [r["id"] for r in records]


def test_write_jsonl_round_trips(tmp_path) -> None:
    small = generate_corpus(25, seed=9)
    path = tmp_path / "corpus.jsonl"
    write_jsonl(small, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == small.records()
    streamed = tmp_path / "streamed.jsonl"
    write_jsonl(iter_articles(25, seed=9), streamed)
    assert streamed.read_bytes() == path.read_bytes()


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError):
        generate_corpus(-1)
    with pytest.raises(ValueError):
        generate_corpus(5, include_wire_text=1.5)
    with pytest.raises(ValueError):
        generate_corpus(5, start=datetime(2024, 1, 1))


def test_start_shifts_publication_times() -> None:
    start = datetime(2025, 6, 1, 12, tzinfo=UTC)
    shifted = generate_corpus(30, seed=1, start=start)
    base = generate_corpus(30, seed=1)
    assert all(a.published_at >= start for a in shifted.articles)
    assert [a.published_at - start for a in shifted.articles] == [a.published_at - DEFAULT_START for a in base.articles]


# ------------------------------------------------------------------------------ ground truth consistency


@pytest.mark.parametrize("name", ["corpus", "full"])
def test_parents_exist_share_story_and_precede(name: str, request: pytest.FixtureRequest) -> None:
    c: SyntheticCorpus = request.getfixturevalue(name)
    index = {a.article_id: a for a in c.articles}
    for a in c.articles:
        if a.kind in ROOT_KINDS:
            assert a.parent_article_id is None and a.parent_source is None
            continue
        assert (a.parent_article_id is None) != (a.parent_source is None)
        if a.parent_source is not None:
            assert a.parent_source in WIRE_NAMES
            assert a.kind != "outlet_copy"
        else:
            assert a.parent_article_id is not None
            parent = index[a.parent_article_id]
            assert parent.story_key == a.story_key
            delay = a.published_at - parent.published_at
            assert timedelta(minutes=2) <= delay <= timedelta(days=2)
            if a.kind == "outlet_copy":
                assert parent.kind in DERIVED_KINDS
            else:
                assert parent.kind in ("wire_original", "same_event")


def test_each_story_has_exactly_one_root_when_wires_are_ingested(full: SyntheticCorpus) -> None:
    for key, arts in by_story(full).items():
        roots = [a for a in arts if a.parent_article_id is None and a.parent_source is None]
        assert len(roots) == 1, key
        assert all(a.parent_source is None for a in arts)


def test_stories_without_ingested_wire_point_at_the_wire(corpus: SyntheticCorpus) -> None:
    n_without = 0
    for key, arts in by_story(corpus).items():
        roots = [a for a in arts if a.kind in ROOT_KINDS]
        assert len(roots) <= 1, key
        if not roots:
            n_without += 1
            sources = {a.parent_source for a in arts if a.parent_source is not None}
            assert len(sources) == 1, key  # one wire per story
            assert all(a.parent_article_id is not None for a in arts if a.parent_source is None)
    assert n_without > 50


def test_include_wire_text_extremes() -> None:
    none = generate_corpus(150, seed=8, include_wire_text=0.0)
    assert not {a.kind for a in none.articles} & {"wire_original", "same_event"}
    assert all(a.parent_source is not None or a.kind in ("unrelated", "outlet_copy") for a in none.articles)


# ------------------------------------------------------------------------------ proportions


def test_proportions_roughly_as_configured(corpus: SyntheticCorpus) -> None:
    kinds = Counter(a.kind for a in corpus.articles)
    n = len(corpus.articles)
    assert 0.06 < kinds["unrelated"] / n < 0.14

    stories = by_story(corpus)
    wire_stories = [arts for arts in stories.values() if arts[0].kind != "unrelated"]
    ingested = [arts for arts in wire_stories if arts[0].kind in ("wire_original", "same_event")]
    assert 0.4 < len(ingested) / len(wire_stories) < 0.6

    derived = [a for a in corpus.articles if a.kind in DERIVED_KINDS]
    for kind, weight in DERIVED_KIND_WEIGHTS:
        share = kinds[kind] / len(derived)
        assert weight - 0.08 < share < weight + 0.08, (kind, share)

    sizes = [sum(a.kind in DERIVED_KINDS for a in arts) for arts in ingested]
    assert 0.08 < sizes.count(0) / len(sizes) < 0.25  # singleton stories
    assert max(sizes) <= MAX_DERIVED
    assert max(sizes) >= 8

    cited = sum(bool(WIRE_CITATION.search(body(a))) for a in derived)
    assert 0.6 < cited / len(derived) < 0.9


def test_same_event_share(full: SyntheticCorpus) -> None:
    roots = [a for a in full.articles if a.kind in ("wire_original", "same_event")]
    share = sum(a.kind == "same_event" for a in roots) / len(roots)
    assert 0.09 < share < 0.21


def test_stories_for_articles_estimate() -> None:
    n = sum(1 for _ in iter_articles(stories_for_articles(3000), seed=21))
    assert 2500 < n < 3500


# ------------------------------------------------------------------------------ text structure


def test_wire_original_structure(full: SyntheticCorpus) -> None:
    for a in full.articles:
        if a.kind != "wire_original":
            continue
        assert re.match(rf"^[A-Z]+ \({re.escape(a.outlet)}\) - ", a.text)
        paragraphs = a.text.split("\n\n")
        assert 9 <= len(paragraphs) <= 21  # 8-20 and the event's background sentence
        quoted = [p for p in paragraphs if QUOTE.search(p)]
        assert 2 <= len(quoted) <= 5
        assert all(re.search(r"[,.]\"? \S.*\.$", p) for p in quoted)
        for p in paragraphs[1:]:
            if p not in quoted:
                assert 12 <= len(p.split()) <= 34, p


def test_outlet_boilerplate_added(full: SyntheticCorpus) -> None:
    assert boilerplate_lines("Reuters") == frozenset()
    for a in full.articles:
        if a.kind in DERIVED_KINDS:
            outlet = next(o for o in OUTLETS if o.name == a.outlet)
            paragraphs = strip_page_noise(a.text).split("\n\n")
            assert paragraphs[: len(outlet.header)] == list(outlet.header)
            assert paragraphs[len(paragraphs) - len(outlet.footer) :] == list(outlet.footer)


def test_text_is_detected_as_english(full: SyntheticCorpus) -> None:
    langid = pytest.importorskip("py3langid")
    sample = full.articles[:150]
    english = sum(langid.classify(a.text)[0] == "en" for a in sample)
    assert english / len(sample) > 0.95


# ------------------------------------------------------------------------------ similarity sanity checks


def test_verbatim_copies_are_near_identical(full: SyntheticCorpus, full_index: dict[str, SyntheticArticle]) -> None:
    pairs = parent_pairs(full, full_index, "verbatim")
    assert len(pairs) > 100
    for a, parent in pairs:
        assert jaccard(shingles(body(a)), shingles(body(parent))) > 0.8, a.article_id


def test_excerpts_are_contained_in_parent(full: SyntheticCorpus, full_index: dict[str, SyntheticArticle]) -> None:
    pairs = parent_pairs(full, full_index, "excerpt")
    assert len(pairs) > 80
    for a, parent in pairs:
        assert containment(shingles(body(a)), shingles(body(parent))) > 0.9, a.article_id
        assert len(body(a)) < len(body(parent))


def test_heavy_rewrites(full: SyntheticCorpus, full_index: dict[str, SyntheticArticle]) -> None:
    pairs = parent_pairs(full, full_index, "heavy")
    assert len(pairs) > 80
    for a, parent in pairs:
        c = containment(shingles(body(a)), shingles(body(parent)))
        assert 0.05 < c < 0.5, (a.article_id, c)
        assert quotes(a.text) == quotes(parent.text), a.article_id  # all kept, verbatim


def test_light_edits_sit_between_copies_and_rewrites(
    full: SyntheticCorpus, full_index: dict[str, SyntheticArticle]
) -> None:
    values = [containment(shingles(body(a)), shingles(body(p))) for a, p in parent_pairs(full, full_index, "light")]
    assert len(values) > 100
    assert all(0.3 < v < 0.97 for v in values)


def test_same_event_stories_share_quotes_and_one_background_sentence_but_no_other_narrative(
    full: SyntheticCorpus,
) -> None:
    roots = [a for a in full.articles if a.kind in ("wire_original", "same_event")]
    checked = 0
    for prev, a in pairwise(roots):
        if a.kind != "same_event":
            continue
        assert a.story_key != prev.story_key
        assert a.outlet != prev.outlet  # another wire
        assert quotes(a.text) & quotes(prev.text)
        names = set(re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", a.text))
        assert names & set(re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", prev.text))
        background = a.text.split("\n\n")[-1]
        assert background == prev.text.split("\n\n")[-1]  # the stock paragraph, verbatim
        own, prev_own = (narrative(x).replace(background, "") for x in (a, prev))
        assert jaccard(shingles(own), shingles(prev_own)) < 0.05
        checked += 1
    assert checked > 30


def test_unrelated_articles_share_almost_nothing(full: SyntheticCorpus) -> None:
    rng = random.Random(0)
    unrelated = [a for a in full.articles if a.kind == "unrelated"]
    assert len(unrelated) > 50
    cache: dict[str, set[tuple[str, ...]]] = {}

    def sh(x: SyntheticArticle) -> set[tuple[str, ...]]:
        if x.article_id not in cache:
            cache[x.article_id] = shingles(body(x))
        return cache[x.article_id]

    for a in unrelated:
        for b in rng.sample(full.articles, 25):
            if b.story_key != a.story_key:
                assert jaccard(sh(a), sh(b)) < 0.02, (a.article_id, b.article_id)


# ------------------------------------------------------------------------------ speed smoke


def test_speed_smoke() -> None:
    """Generates a couple of thousand articles (no timing assertion)."""
    n = sum(1 for _ in iter_articles(stories_for_articles(2000), seed=123))
    assert n > 1500
