"""Story slots: a wire's report, its derivatives, page noise, unrelated articles; the corpus."""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random
from typing import NamedTuple

from workbench.synth.documents import Item, _cite_outlet, _cite_wire, _Doc, _excerpt, _heavy, _light, _render
from workbench.synth.lexicon import _attribution, _Lexicon, _make_quote, _Quote, _quote, _sentence, _title
from workbench.synth.model import DEFAULT_START, Outlet, SyntheticArticle, SyntheticCorpus, Wire
from workbench.synth.words import _REWRITE_ATTRIBUTIONS, DAYS, OUTLETS, WIRES

# --------------------------------------------------------------------------------------
# Configuration (proportions)
# --------------------------------------------------------------------------------------

#: Share of all articles that are unrelated local singletons (approximate).
UNRELATED_ARTICLE_SHARE = 0.10
#: Share of wire stories that re-cover the previous story's event from another wire.
SAME_EVENT_STORY_SHARE = 0.15
#: Probability that a wire story has no derivative at all (a singleton story).
P_NO_DERIVATIVES = 0.15
#: Success probability of the (truncated) geometric number of derivatives, 1..MAX.
DERIVED_GEOMETRIC_P = 0.28
MAX_DERIVED = 12
#: Kinds of derived articles and their probabilities.
DERIVED_KIND_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("verbatim", 0.20),
    ("excerpt", 0.15),
    ("light", 0.25),
    ("heavy", 0.20),
    ("outlet_copy", 0.20),
)
#: How a derived article cites its wire: keep the dateline, cite inline, or not at all.
CITATION_MODE_WEIGHTS: tuple[tuple[str, float], ...] = (("dateline", 0.30), ("inline", 0.40), ("none", 0.30))
#: Delay of a derivative after its parent: log-uniform between these bounds (seconds).
MIN_DELAY_S = 120.0
MAX_DELAY_S = 2 * 86400.0
#: Story slots start this far apart (plus up to STORY_JITTER_S of jitter).
STORY_SPACING_S = 360.0
STORY_JITTER_S = 3 * 3600.0

# --------------------------------------------------------------------------------------
# Stories
# --------------------------------------------------------------------------------------


def _weighted(r: float, weights: Sequence[tuple[str, float]]) -> str:
    acc = 0.0
    for name, w in weights:
        acc += w
        if r < acc:
            return name
    return weights[-1][0]


def _n_derived(rng: Random) -> int:
    """0 with P_NO_DERIVATIVES, else a geometric count truncated to 1..MAX_DERIVED."""
    if rng.random() < P_NO_DERIVATIVES:
        return 0
    u = 1.0 - rng.random()
    return min(MAX_DERIVED, 1 + int(math.log(u) / math.log(1.0 - DERIVED_GEOMETRIC_P)))


def _expected_geometric() -> float:
    p = DERIVED_GEOMETRIC_P
    probs = [p * (1 - p) ** (k - 1) for k in range(1, MAX_DERIVED)]
    return sum(k * q for k, q in enumerate(probs, start=1)) + MAX_DERIVED * (1 - sum(probs))


def _articles_per_wire_story(include_wire_text: float) -> float:
    g = (1 - P_NO_DERIVATIVES) * _expected_geometric()
    return include_wire_text * (1 + g) + (1 - include_wire_text) * (g + P_NO_DERIVATIVES)


def _slot_probabilities(include_wire_text: float) -> tuple[float, float]:
    """(P(slot is an unrelated singleton), P(wire slot wants to re-cover the previous
    event)), chosen so unrelated articles are ~UNRELATED_ARTICLE_SHARE of all articles
    and same-event siblings ~SAME_EVENT_STORY_SHARE of wire stories. A wish is granted
    when the previous slot is a primary (a wire story without the wish), so the share
    of siblings among wire stories is ``q * (1 - p_unrelated) * (1 - q)``."""
    m = _articles_per_wire_story(include_wire_text)
    u = UNRELATED_ARTICLE_SHARE
    p_unrelated = u * m / (1 - u + u * m)
    x = min(0.25, SAME_EVENT_STORY_SHARE / (1 - p_unrelated))  # = q * (1 - q)
    return p_unrelated, (1 - math.sqrt(1 - 4 * x)) / 2


def stories_for_articles(n_articles: int, include_wire_text: float = 0.5) -> int:
    """Approximate ``n_stories`` for which :func:`iter_articles` yields ``n_articles``."""
    p_u, _ = _slot_probabilities(include_wire_text)
    per_slot = p_u + (1 - p_u) * _articles_per_wire_story(include_wire_text)
    return max(1, round(n_articles / per_slot))


def _article_id(seed: int, slot: int, index: int) -> str:
    return hashlib.blake2b(f"{seed}/{slot}/{index}".encode(), digest_size=8).hexdigest()


def _slug(title: str) -> str:
    return "-".join(title.lower().split()[:8])


_LOG_MIN_DELAY = math.log(MIN_DELAY_S)
_LOG_DELAY_RANGE = math.log(MAX_DELAY_S) - _LOG_MIN_DELAY


def _delay(rng: Random) -> timedelta:
    """Log-uniform between MIN_DELAY_S and MAX_DELAY_S, whole seconds."""
    return timedelta(seconds=round(math.exp(_LOG_MIN_DELAY + _LOG_DELAY_RANGE * rng.random())))


class _Event(NamedTuple):
    """What a same-event sibling shares with its primary: names, words, quotes, and the
    stock background sentence every report on the event ends with (an agency's standing
    paragraph on a topic), verbatim."""

    lex: _Lexicon
    quotes: tuple[_Quote, ...]
    wire_index: int
    background: str


class _Published(NamedTuple):
    """A derived article kept in memory while its story is generated (copy source)."""

    article_id: str
    doc: _Doc
    outlet: str
    time: datetime


def _wire_doc(rng: Random, lex: _Lexicon, wire: Wire, quotes: Sequence[_Quote], background: str) -> _Doc:
    """A wire original: 8-20 paragraphs (at most a third quotes, none first), with the
    dateline "CITY (Wire) - " on the lead, ending with the event's background sentence."""
    r = rng.random
    n_total = max(8, len(quotes) * 3, 8 + int(r() * 13))
    items: list[Item] = [_sentence(rng, lex) for _ in range(n_total - len(quotes))]
    for q in quotes:
        items.insert(1 + int(r() * len(items)), q)
    items.append(background)
    return _Doc(_title(rng, lex), f"{lex.city.upper()} ({wire.name}) - ", items, True)


def _derive(rng: Random, lex: _Lexicon, kind: str, parent: _Doc, wire: Wire) -> _Doc:
    """A verbatim copy, excerpt, light edit or heavy rewrite of the wire doc, with a
    citation mode drawn from CITATION_MODE_WEIGHTS (copies never add a paragraph)."""
    if kind == "verbatim":
        doc = parent
    elif kind == "excerpt":
        doc = _excerpt(rng, parent)
    elif kind == "light":
        doc = _light(rng, lex, parent)
    else:
        doc = _heavy(rng, lex, parent)
    mode = _weighted(rng.random(), CITATION_MODE_WEIGHTS)
    return _cite_wire(rng, doc, wire, mode, own_sentence=kind in ("light", "heavy"))


def _copy_outlet(rng: Random, lex: _Lexicon, parent: _Published, wire: Wire) -> _Doc:
    """An outlet copying another outlet: light (60%) or heavy rewrite of its body. A
    light copy keeps the parent's wire citation (a dateline is dropped 30% of the time);
    a heavy one re-cites the wire inline when the parent cited it (70%). The copied
    outlet is credited half the time."""
    r = rng.random
    if r() < 0.6:
        doc = _light(rng, lex, parent.doc)
        if doc.dateline and r() < 0.3:
            doc = _Doc(doc.title, "", doc.items, False)
    else:
        doc = _heavy(rng, lex, parent.doc)
        if parent.doc.cites_wire and r() < 0.7:
            doc = _cite_wire(rng, doc, wire, "inline")
    return _cite_outlet(rng, doc, parent.outlet) if r() < 0.5 else doc


def _wire_url(wire: Wire, doc: _Doc, aid: str) -> str:
    return f"https://www.{wire.host}/world/{_slug(doc.title)}-{aid[:8]}"


def _outlet_url(outlet: Outlet, doc: _Doc, time: datetime, aid: str) -> str:
    day = f"{time.year}/{time.month:02d}/{time.day:02d}"
    return f"https://{outlet.host}/news/{day}/{_slug(doc.title)}-{aid[:6]}"


def _wire_story(
    seed: int, slot: int, rng: Random, event: _Event, sibling: bool, include_wire_text: float, time: datetime
) -> Iterator[SyntheticArticle]:
    """A wire original published at ``time`` (ingested with probability
    ``include_wire_text``) and 0-12 derivatives (at least one if the original is not
    ingested). A sibling re-covers ``event`` from another wire with a fresh narrative,
    1-3 of its quotes and 0-1 new ones."""
    r = rng.random
    story_key = f"story-{slot:05d}"
    lex = event.lex
    if sibling:
        wire_index = (event.wire_index + 1 + int(r() * (len(WIRES) - 1))) % len(WIRES)
        quotes = rng.sample(event.quotes, min(len(event.quotes), 1 + int(r() * 3)))
        quotes += [_quote(rng, lex) for _ in range(int(r() * 2))]
        # Another agency's reporter words each attribution its own way.
        quotes = [_make_quote(q.text, _attribution(rng, q.speaker, _REWRITE_ATTRIBUTIONS), q.speaker) for q in quotes]
    else:
        wire_index, quotes = event.wire_index, list(event.quotes)
    wire = WIRES[wire_index]
    wire_doc = _wire_doc(rng, lex, wire, quotes, event.background)
    wire_id = _article_id(seed, slot, 0)
    ingested = r() < include_wire_text
    if ingested:
        kind = "same_event" if sibling else "wire_original"
        text = _render(wire_doc, None)
        url = _wire_url(wire, wire_doc, wire_id)
        yield SyntheticArticle(wire_id, url, wire.name, wire_doc.title, time, text, story_key, None, None, kind)
    n = _n_derived(rng) or (0 if ingested else 1)
    published: list[_Published] = []
    for k, outlet_index in enumerate(rng.sample(range(len(OUTLETS)), n), start=1):
        outlet = OUTLETS[outlet_index]
        kind = _weighted(r(), DERIVED_KIND_WEIGHTS)
        if kind == "outlet_copy" and not published:
            kind = "light" if r() < 0.6 else "heavy"
        aid = _article_id(seed, slot, k)
        parent_id: str | None
        if kind == "outlet_copy":
            parent = published[int(r() * len(published))]
            doc = _copy_outlet(rng, lex, parent, wire)
            parent_id, parent_source, when = parent.article_id, None, parent.time + _delay(rng)
        else:
            doc = _derive(rng, lex, kind, wire_doc, wire)
            parent_id = wire_id if ingested else None
            parent_source = None if ingested else wire.name
            when = time + _delay(rng)
        published.append(_Published(aid, doc, outlet.name, when))
        url = _outlet_url(outlet, doc, when, aid)
        text = _page_noise(Random(f"wiretrace.synth.noise/{seed}/{slot}/{k}"), _render(doc, outlet), lex, wire, when)
        yield SyntheticArticle(aid, url, outlet.name, doc.title, when, text, story_key, parent_id, parent_source, kind)


#: Share of outlet articles with a photo caption credited to another wire than the story's.
CAPTION_SHARE = 0.2
#: Share of outlet articles whose page text starts with a "date YYYY-MM-DD" token.
DATE_TOKEN_SHARE = 0.15
#: Share of outlet articles with a menu label and a cookie notice in their page text.
PAGE_FURNITURE_SHARE = 0.1
_CAPTIONS = (
    "Residents gather outside the {org} in {place} on {day}. ({credit})",
    "{person} arrives for a meeting in {place}, {day}. Photo: {credit}",
)
_CREDITS = ("{wire} Photo/{name}", "{name}/{wire}", "{WIRE}/{name}")
_FURNITURE = (
    "Top News",
    "We use cookies to improve your experience on our site. By continuing you accept our cookie policy.",
)


def _page_noise(rng: Random, text: str, lex: _Lexicon, wire: Wire, when: datetime) -> str:
    """Page noise of real news pages, from its own stream (the article's text is otherwise what
    it was): a photo caption crediting another wire (the photo's agency is not the text's
    source), a leading date token, a menu label and a cookie notice."""
    r = rng.random
    paragraphs = text.split("\n\n")
    if r() < CAPTION_SHARE:
        other = [w for w in WIRES if w.name != wire.name][int(r() * (len(WIRES) - 1))]
        person = lex.people[int(r() * len(lex.people))]
        credit = _CREDITS[int(r() * len(_CREDITS))].format(wire=other.name, WIRE=other.name.upper(), name=person.full)
        org = person.role.rsplit(" ", 1)[-1]
        caption = _CAPTIONS[int(r() * len(_CAPTIONS))].format(
            org=org, place=lex.city, day=DAYS[int(r() * 7)], person=person.full, credit=credit
        )
        paragraphs.insert(min(len(paragraphs), 1 + int(r() * 2)), caption)
    if r() < PAGE_FURNITURE_SHARE:
        paragraphs.insert(0, _FURNITURE[0])
        paragraphs.append(_FURNITURE[1])
    text = "\n\n".join(paragraphs)
    return f"date {when:%Y-%m-%d} {text}" if r() < DATE_TOKEN_SHARE else text


_DATE_TOKEN = re.compile(r"\Adate \d{4}-\d{2}-\d{2} ")
_CAPTION_LINE = re.compile(r"(?:Residents gather outside|\S+ \S+ arrives for a meeting in) .*(?:\(.+/.+\)|Photo: .+)\Z")


def strip_page_noise(text: str) -> str:
    """An article's text without the page noise :func:`_page_noise` adds (for checks on its body)."""
    paragraphs = _DATE_TOKEN.sub("", text).split("\n\n")
    return "\n\n".join(p for p in paragraphs if p not in _FURNITURE and not _CAPTION_LINE.match(p))


def _unrelated(seed: int, slot: int, rng: Random, time: datetime) -> SyntheticArticle:
    """A local story by one outlet: 6-14 paragraphs, 0-2 quotes, no wire, no parent;
    30% carry a wire-less dateline "CITY - "."""
    r = rng.random
    lex = _Lexicon(rng)
    items: list[Item] = [_sentence(rng, lex) for _ in range(6 + int(r() * 9))]
    for _ in range(int(r() * 3)):
        items.insert(1 + int(r() * len(items)), _quote(rng, lex))
    dateline = f"{lex.city.upper()} - " if r() < 0.3 else ""
    doc = _Doc(_title(rng, lex), dateline, items, False)
    outlet = OUTLETS[int(r() * len(OUTLETS))]
    aid = _article_id(seed, slot, 0)
    url = _outlet_url(outlet, doc, time, aid)
    text = _render(doc, outlet)
    return SyntheticArticle(aid, url, outlet.name, doc.title, time, text, f"story-{slot:05d}", None, None, "unrelated")


def _new_event(rng: Random) -> _Event:
    """Fresh names, words and 2-5 quotes for a story first covered by a random wire. The
    background sentence comes from its own stream (seeded by the first quote), so the slot's
    stream, and every article drawn from it, is what it was without one."""
    r = rng.random
    lex = _Lexicon(rng)
    quotes = tuple(_quote(rng, lex) for _ in range(2 + int(r() * 4)))
    background = _sentence(Random(f"wiretrace.synth.background/{quotes[0].text}"), lex).text
    return _Event(lex, quotes, int(r() * len(WIRES)), background)


class _Slot(NamedTuple):
    """A story slot's own random stream, base time and role: "unrelated", "sibling"
    (wants to re-cover the previous slot's event) or "primary" (a new event)."""

    rng: Random
    time: datetime
    role: str


def _open_slot(seed: int, slot: int, start: datetime, p_unrelated: float, p_sibling: float) -> _Slot:
    """Seed slot ``slot``'s stream and draw its time and role (always three draws, so
    what follows in the stream does not depend on the role)."""
    rng = Random(f"wiretrace.synth/{seed}/{slot}")
    r = rng.random
    time = start + timedelta(seconds=round(slot * STORY_SPACING_S + r() * STORY_JITTER_S))
    unrelated, sibling = r() < p_unrelated, r() < p_sibling
    return _Slot(rng, time, "unrelated" if unrelated else "sibling" if sibling else "primary")


def iter_articles(
    n_stories: int,
    seed: int = 0,
    *,
    include_wire_text: float = 0.5,
    start: datetime = DEFAULT_START,
    first_story: int = 0,
) -> Iterator[SyntheticArticle]:
    """Yield the articles of story slots ``first_story .. first_story + n_stories - 1``,
    story by story, in O(story) memory.

    Each slot becomes an unrelated singleton (so ~10% of articles are unrelated), a wire
    story, or (~15% of wire stories) a same-event sibling of the previous slot's wire
    story; its key is ``story-{slot:05d}``. A story whose wire is not ingested always
    has at least one derivative. Slot ``i`` is published around ``start + i * 6 min``
    (plus up to 3 h of jitter); derivatives follow their parent by 2 minutes to 2 days.

    A slot depends only on itself and the previous slot, so shards concatenate exactly:
    ``iter_articles(a, s)`` followed by ``iter_articles(b, s, first_story=a)`` yields
    the same articles as ``iter_articles(a + b, s)`` (for parallel generation).
    """
    if n_stories < 0 or first_story < 0:
        raise ValueError("n_stories and first_story must be >= 0")
    if not 0.0 <= include_wire_text <= 1.0:
        raise ValueError("include_wire_text must be within [0, 1]")
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    start = start.astimezone(UTC)
    probs = _slot_probabilities(include_wire_text)
    previous: _Event | None = None  # the previous slot's event if that slot is a primary
    if first_story > 0:
        before = _open_slot(seed, first_story - 1, start, *probs)
        previous = _new_event(before.rng) if before.role == "primary" else None
    for slot in range(first_story, first_story + n_stories):
        rng, time, role = _open_slot(seed, slot, start, *probs)
        if role == "unrelated":
            yield _unrelated(seed, slot, rng, time)
            previous = None
        elif role == "sibling" and previous is not None:
            yield from _wire_story(seed, slot, rng, previous, True, include_wire_text, time)
            previous = None
        else:
            event = _new_event(rng)
            yield from _wire_story(seed, slot, rng, event, False, include_wire_text, time)
            previous = event if role == "primary" else None


def generate_corpus(
    n_stories: int,
    seed: int = 0,
    *,
    include_wire_text: float = 0.5,
    start: datetime = DEFAULT_START,
    first_story: int = 0,
) -> SyntheticCorpus:
    """Materialise :func:`iter_articles` into a :class:`SyntheticCorpus`."""
    articles = iter_articles(n_stories, seed, include_wire_text=include_wire_text, start=start, first_story=first_story)
    return SyntheticCorpus(list(articles))


def write_jsonl(corpus: SyntheticCorpus | Iterable[SyntheticArticle], path: str | Path) -> None:
    """Write input records, one JSON object per line (UTF-8). Accepts a corpus or any
    iterable of articles, so ``write_jsonl(iter_articles(n), path)`` streams."""
    articles = corpus.articles if isinstance(corpus, SyntheticCorpus) else corpus
    with open(path, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a.record(), ensure_ascii=False))
            fh.write("\n")
