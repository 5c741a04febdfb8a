"""Deterministic synthetic news corpus with ground-truth story and lineage labels.

The corpus imitates how wire reports spread: a wire (Reuters, AP, AFP, TASS, Xinhua, dpa)
files an original; outlets copy it verbatim, excerpt it, lightly edit it, rewrite it
heavily or copy each other. Some events are covered independently by a second wire
(same quotes and names, different narrative), and some articles are unrelated local
stories. Every article carries its true story and its true primary parent, so the
pipeline's story clustering and lineage inference can be scored.

All text is generated from word lists in this module: real English function words and
common news words glue together pseudo-words built from syllables (topic words, person,
place and organisation names), so unrelated stories share only function words and common
phrases, as real news does.

Invariants (checked by ``tests/unit/test_synth.py``):

* Output is a pure function of the arguments: same ``seed`` gives identical articles; each
  story slot draws from its own ``random.Random`` seeded with ``(seed, slot)`` and depends
  only on itself and the previous slot, so slot ranges (``first_story``) can be generated
  in parallel and concatenated.
* ``article_id`` values are unique (64-bit hashes of ``(seed, slot, index)``).
* A story's articles share ``story_key``; exactly one of them is the root (both parent
  fields ``None``) unless the story's wire original is not ingested, in which case every
  direct derivative has ``parent_source`` = wire name and no article is a root.
* A non-root article has exactly one of ``parent_article_id`` / ``parent_source`` set;
  a ``parent_article_id`` names an article of the same story published earlier.
* Heavy rewrites keep every quotation of their parent verbatim (the text inside the
  quote marks); quote marks themselves follow the publishing outlet's style.
* Articles are yielded story by story (a parent is always yielded before its children);
  publication times are not globally sorted.

Speed: about 10,000 articles/s on one (slow, shared) sandbox core; the work is
dominated by rendering ~5 template sentences per article. ``write_jsonl`` streams.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter
from pathlib import Path
from random import Random
from typing import NamedTuple, cast

import pyarrow as pa

__all__ = [
    "DEFAULT_START",
    "KINDS",
    "LABELS_SCHEMA",
    "OUTLETS",
    "WIRES",
    "Outlet",
    "SyntheticArticle",
    "SyntheticCorpus",
    "Wire",
    "boilerplate_lines",
    "generate_corpus",
    "iter_articles",
    "stories_for_articles",
    "strip_page_noise",
    "write_jsonl",
]

# --------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------

KINDS = ("wire_original", "verbatim", "excerpt", "light", "heavy", "outlet_copy", "same_event", "unrelated")

#: Schema of :meth:`SyntheticCorpus.labels`.
LABELS_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("story_key", pa.string(), nullable=False),
        pa.field("parent_article_id", pa.string()),
        pa.field("parent_source", pa.string()),
        pa.field("kind", pa.string(), nullable=False),
    ]
)

DEFAULT_START = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Wire:
    """A news agency. ``name`` is the outlet name of its originals; ``aliases`` are the
    names derived articles use when citing it."""

    name: str
    host: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Outlet:
    """A publisher. ``header``/``footer`` are its fixed boilerplate paragraphs, added to
    every article it publishes; ``curly_quotes`` selects “typographic” quote marks."""

    name: str
    host: str
    header: tuple[str, ...]
    footer: tuple[str, ...]
    curly_quotes: bool


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article with its ground truth (see the module docstring)."""

    article_id: str
    url: str
    outlet: str
    title: str
    published_at: datetime
    text: str
    story_key: str
    parent_article_id: str | None
    parent_source: str | None
    kind: str

    def record(self) -> dict[str, object]:
        """The input record the pipeline sees: no ground-truth fields."""
        return {
            "id": self.article_id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published_at": self.published_at.isoformat(),
            "text": self.text,
        }


@dataclass(frozen=True)
class SyntheticCorpus:
    """A generated corpus: articles in generation order (story by story)."""

    articles: list[SyntheticArticle]

    def records(self) -> list[dict[str, object]]:
        """Input records (id, url, outlet, title, published_at as ISO string, text)."""
        return [a.record() for a in self.articles]

    def labels(self) -> pa.Table:
        """Ground truth, one row per article, with :data:`LABELS_SCHEMA`."""
        arts = self.articles
        return pa.Table.from_pydict(
            {
                "article_id": [a.article_id for a in arts],
                "story_key": [a.story_key for a in arts],
                "parent_article_id": [a.parent_article_id for a in arts],
                "parent_source": [a.parent_source for a in arts],
                "kind": [a.kind for a in arts],
            },
            schema=LABELS_SCHEMA,
        )


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
# Word lists
# --------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    """A whitespace-separated word list written as one string literal."""
    return tuple(text.split())


FUNCTION_WORDS = frozenset(
    _words(
        """a an the of in on at to for from by with about after before during over under
    between across near into through since until and or but while as because although when
    that this these those it its is are was were be been has have had will would could
    should may might must not no there their our we i my you he she they them his her
    who which what than then also only more most some any all each other such very"""
    )
)

COMMON_NOUNS = _words(
    """government officials ministry talks agreement market prices plan budget election
    court police company workers investors residents authorities troops region border
    security economy growth inflation rates oil gas energy exports imports sanctions deal
    vote parliament lawmakers opposition protest crisis project funding contract shares
    profit losses sales demand supply weather storm flooding damage hospital health
    schools students teachers city province village port airport bridge railway water power
    network data system policy reform law tax debt loans bank currency trade tariffs
    negotiations meeting summit statement decision investigation charges trial ruling
    ceasefire aid refugees shipments factory farmers harvest drought fire emergency
    committee council agency program strategy proposal measures restrictions"""
)
COMMON_VERBS = _words(
    """announced approved rejected warned confirmed denied launched signed raised cut
    delayed extended expanded reduced proposed criticised welcomed urged pledged blocked
    suspended resumed opened closed arrested released agreed completed increased lowered
    doubled halted backed questioned reviewed accepted finalised postponed secured
    introduced ordered requested submitted restored"""
)
COMMON_ADJS = _words(
    """new major local national regional federal public private economic political
    financial military foreign domestic senior former annual early key significant
    temporary additional strong weak wider sharp modest urgent formal joint initial
    broader fresh"""
)
BASE_VERBS = _words(
    """affect delay expand reduce support boost ease limit replace cover protect review
    fund restore secure strengthen finish accept rebuild challenge approve resolve
    extend revise defend improve tighten relax lift suspend resume block
    stabilise rescue reform rethink ensure deliver prevent monitor contain reverse
    overturn double halve cap widen narrow accelerate sustain shield modernise"""
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = _words("January February March April May June July August September October November December")
PERIODS = ("week", "month", "year", "quarter", "season")

#: Real-word synonym pairs used by light edits (applied in both directions).
COMMON_SYNONYM_PAIRS = (
    ("government", "administration"),
    ("officials", "authorities"),
    ("plan", "proposal"),
    ("talks", "negotiations"),
    ("company", "firm"),
    ("workers", "employees"),
    ("residents", "locals"),
    ("announced", "unveiled"),
    ("approved", "endorsed"),
    ("rejected", "dismissed"),
    ("warned", "cautioned"),
    ("launched", "started"),
    ("raised", "lifted"),
    ("reduced", "trimmed"),
    ("criticised", "condemned"),
    ("urged", "called"),
    ("halted", "stopped"),
    ("new", "fresh"),
    ("major", "big"),
    ("significant", "notable"),
    ("sharp", "steep"),
    ("about", "around"),
    ("after", "following"),
    ("near", "outside"),
    ("during", "amid"),
    ("while", "whereas"),
    ("expand", "widen"),
    ("boost", "lift"),
)

_ONSETS = (*_words("b c d f g h k l m n p r s t v w z br cr dr fr gr pr tr bl cl fl pl sl st sh ch th"), "", "", "")
_VOWELS = _words("a e i o u a e i o a e ai ea ou")
_CODAS = (*_words("n r l s m t nd st rn ck"), *("",) * 8)
_NOUN_SUFFIXES = ("",) * 6 + ("ment", "ion", "ity", "er")
_ADJ_SUFFIXES = ("al", "ic", "ive", "ous", "ish", "ent")
_ORG_SUFFIXES = (
    "Holdings",
    "Group",
    "Industries",
    "Energy",
    "Bank",
    "Council",
    "Authority",
    "Institute",
    "Union",
    "Partners",
    "Logistics",
    "Foundation",
)

WIRES: tuple[Wire, ...] = (
    Wire("Reuters", "reuters.example", ("Reuters",)),
    Wire("AP", "apnews.example", ("AP", "the Associated Press")),
    Wire("AFP", "afp.example", ("AFP", "Agence France-Presse")),
    Wire("TASS", "tass.example", ("TASS",)),
    Wire("Xinhua", "xinhua.example", ("Xinhua",)),
    Wire("dpa", "dpa.example", ("dpa",)),
)

_OUTLET_NAMES = (
    "Daily Meridian",
    "Northern Ledger",
    "Coastal Herald",
    "Evening Courier",
    "Valley Sentinel",
    "Metro Dispatch",
    "Harbor Times",
    "Capital Observer",
    "Prairie Gazette",
    "Summit Post",
    "Riverside Chronicle",
    "Atlantic Beacon",
    "Pacific Tribune",
    "Highland Record",
    "Morning Bulletin",
    "Lakeside Journal",
    "Frontier Review",
    "Granite Examiner",
    "Silver Coast News",
    "Union Standard",
    "Westbrook Monitor",
    "Continental Wire Digest",
    "Global Outlook Today",
    "The Civic Report",
    "Mainline Press",
    "Delta Voice",
    "Crescent Times",
    "Pinewood Express",
    "Orient Daily",
    "Baltic Mirror",
    "Steppe Herald",
    "Equator News",
    "Southern Cross Post",
    "Liberty Tribune",
    "Blue Ridge Courier",
    "Red Valley Gazette",
    "Twin Rivers Times",
    "Old Harbour Leader",
    "New Horizon Daily",
    "World Affairs Weekly",
)
_HEADER_POOL = (
    "Listen To Story Above",
    "Advertisement",
    "Share this article",
    "Text size A A A",
    "Skip to main content",
    "{name} | Latest News",
)
_FOOTER_POOL = (
    "Follow {name} on social media for the latest updates.",
    "Subscribe to the {name} newsletter for daily briefings.",
    "© {name}. All rights reserved.",
    "Read more stories at {host}",
    "Sign up for breaking news alerts from {name}.",
    "Have a news tip? Email the {name} newsroom.",
    "Advertisement",
    "Comments are closed for this article.",
)


def _make_outlet(i: int, name: str) -> Outlet:
    """Outlet ``i``'s fixed boilerplate: 0-2 header and 1-3 footer lines (index-derived)."""
    host = "".join(ch for ch in name.lower() if ch.isalnum()) + ".example"
    header = tuple(_HEADER_POOL[(i + 2 * j) % len(_HEADER_POOL)].format(name=name) for j in range(i % 3))
    footer = tuple(
        _FOOTER_POOL[(3 * i + j) % len(_FOOTER_POOL)].format(name=name, host=host) for j in range(1 + (i // 3) % 3)
    )
    return Outlet(name, host, header, footer, curly_quotes=i % 3 == 0)


OUTLETS: tuple[Outlet, ...] = tuple(_make_outlet(i, n) for i, n in enumerate(_OUTLET_NAMES))
_OUTLET_BY_NAME = {o.name: o for o in OUTLETS}


def boilerplate_lines(outlet: str) -> frozenset[str]:
    """Paragraphs that ``outlet`` adds to every article (empty for wires and unknowns)."""
    o = _OUTLET_BY_NAME.get(outlet)
    return frozenset(o.header + o.footer) if o else frozenset()


# --------------------------------------------------------------------------------------
# Templates. Slots: n noun, v past verb, a adjective, b base verb, e entity (person or
# organisation), p place, d weekday, m month, w period, x number. Most templates have at
# most two literal words in a row so unrelated stories rarely share word 3-shingles.
# --------------------------------------------------------------------------------------

#: Narrative clauses, each as (form, paraphrase, paraphrase): the three forms of a row
#: have the same slots (same multiset of slot letters) in a different wording and order.
_CLAUSE_FORMS: tuple[tuple[str, str, str], ...] = (
    ("{e} {v} the {a} {n} on {d}", "on {d}, {e} {v} a {a} {n}", "the {a} {n} was {v} by {e} on {d}"),
    (
        "the {n} {v} {x} {n} in {p}",
        "in {p}, {x} {n} were {v} by the {n}",
        "{x} {n} in {p} were {v} by its {n}",
    ),
    (
        "officials in {p} {v} a {a} {n}",
        "a {a} {n} was {v} by authorities in {p}",
        "{p} officials {v} one {a} {n}",
    ),
    (
        "{e} {v} that the {n} would {b} {a} {n}",
        "the {n} would {b} {a} {n}, {e} {v}",
        "{e} {v} the {n} could {b} some {a} {n}",
    ),
    (
        "the {a} {n} of {e} {v} by {x} percent",
        "{e} saw its {a} {n} {v} {x} percent",
        "by {x} percent, the {a} {n} at {e} {v}",
    ),
    ("{x} {n} were {v} near {p}", "near {p}, some {x} {n} were {v}", "{p} had {x} {n} {v} nearby"),
    ("the {n} {v} {n} with {e}", "with {e}, the {n} {v} {n}", "{e} and the {n} {v} {n} together"),
    (
        "{e} has {v} {a} {n} since {m}",
        "since {m}, {e} has {v} {a} {n}",
        "{a} {n} have been {v} by {e} since {m}",
    ),
    (
        "the {n} is expected to {b} {n} by {m}",
        "by {m}, the {n} should {b} {n}",
        "the {n} aims to {b} {n} before {m}",
    ),
    (
        "{a} {n} in {p} {v} the {n}",
        "in {p}, the {n} was {v} by {a} {n}",
        "the {n} got {v} by {a} {n} from {p}",
    ),
    (
        "it {v} the {n} and the {a} {n}",
        "the {n} and the {a} {n} were {v}",
        "both the {n} and {a} {n} were {v} too",
    ),
    ("the {n} {v} {a} {n} for {e}", "for {e}, the {n} {v} {a} {n}", "{e} got {a} {n} that the {n} {v}"),
    (
        "a {a} {n} {v} {x} {n} across {p}",
        "across {p}, {x} {n} were {v} by a {a} {n}",
        "{x} {n} in {p} were {v} by one {a} {n}",
    ),
    (
        "{e} {v} the {n} at a {n} in {p}",
        "at a {n} in {p}, {e} {v} the {n}",
        "in {p}, the {n} was {v} by {e} during a {n}",
    ),
    ("the {n} of {n} {v} {a} {n}", "{a} {n} was {v} by the {n} of {n}", "{n} {n} {v} more {a} {n}"),
    (
        "{n} from {e} {v} the {a} {n}",
        "the {a} {n} was {v} by {n} from {e}",
        "{e} and its {n} {v} the {a} {n}",
    ),
    ("the {a} {n} {v} {n} last {w}", "last {w} the {a} {n} {v} {n}", "{n} was {v} by the {a} {n} a {w} ago"),
    (
        "{e} {v} {n} to {b} the {n}",
        "to {b} the {n}, {e} {v} {n}",
        "{e} hopes {n} {v} earlier will {b} the {n}",
    ),
    (
        "the {n} could {b} {a} {n} for {x} {n}",
        "{x} {n} may see the {n} {b} {a} {n}",
        "for {x} {n}, the {n} might {b} {a} {n}",
    ),
    ("{p} {v} its {a} {n} on {d}", "on {d}, {p} {v} its {a} {n}", "{a} {n} in {p} was {v} on {d}"),
    (
        "{x} {a} {n} {v} the {n} of {e}",
        "the {n} of {e} was {v} by {x} {a} {n}",
        "{e} saw {x} {a} {n} {v} its {n}",
    ),
    (
        "the {n} {v} after {e} {v} {a} {n}",
        "after {e} {v} {a} {n}, the {n} {v}",
        "once {e} had {v} {a} {n}, the {n} {v}",
    ),
    (
        "{e} and {e} {v} a {n} over {n}",
        "over {n}, {e} and {e} {v} a {n}",
        "a {n} over {n} was {v} by {e} and {e}",
    ),
    (
        "the {a} {n} will {b} {n} in {p}",
        "in {p}, the {a} {n} is set to {b} {n}",
        "{n} in {p} may {b} the {a} {n}",
    ),
    ("{n} {v} as {a} {n} {v} {n}", "as {a} {n} {v} {n}, {n} {v}", "with {a} {n} having {v} {n}, {n} {v}"),
    (
        "the {n} between {e} and {p} {v} {a} {n}",
        "{e} and {p} {v} {a} {n} in their {n}",
        "{a} {n} was {v} in the {n} linking {e} with {p}",
    ),
    (
        "{e} {v} {a} {n} during the {n}",
        "during the {n}, {e} {v} {a} {n}",
        "{a} {n} was {v} by {e} amid the {n}",
    ),
    ("the {n} has {v} {x} {a} {n}", "{x} {a} {n} have been {v} by the {n}", "so far the {n} {v} {x} {a} {n}"),
    (
        "a {n} by {e} {v} {n} in {m}",
        "in {m}, {n} was {v} by a {n} from {e}",
        "{e} and its {n} {v} {n} during {m}",
    ),
    ("{n} and {n} {v} sharply in {p}", "in {p}, {n} and {n} {v} steeply", "{p} saw {n} and {n} {v} fast"),
    (
        "{e} {v} {x} {n} to the {a} {n}",
        "the {a} {n} received {x} {n} {v} by {e}",
        "{x} {n} were {v} to the {a} {n} by {e}",
    ),
    ("there were {x} {a} {n} in {p} on {d}", "on {d}, {p} counted {x} {a} {n}", "{p} had {x} {a} {n} by {d}"),
)
_CONNECTORS = (", and ", ", while ", ", but ", " after ", " as ", " because ", ", although ", " when ")
_QUOTE_TEMPLATES = (
    "We {v} the {a} {n} and we will {b} the {n} by {m}",
    "This {n} is {a} for {e} and for {p}",
    "Our {n} {v} the {a} {n} more than {e} expected",
    "There is no {a} {n} here, only {n} we must {b}",
    "I have {v} the {n} many times and the {n} remains {a}",
    "We are confident the {n} will {b} {a} {n}",
    "Nobody should {b} the {n} while {e} is still in {p}",
    "It is time to {b} the {n} and {b} our {a} {n}",
    "The {n} in {p} is {a}, and we will not {b} it",
    "We need {a} {n} now, not another {n} about {n}",
    "My {n} told me the {a} {n} would {b} within {x} days",
    "If the {n} cannot {b} the {n}, we will {b} {a} {n} ourselves",
    "{p} deserves {a} {n}, not {a} {n}",
    "Every {n} in {p} knows the {n} was {v} by {e}",
    "The {a} {n} we {v} last {w} will {b} {x} {n}",
    "People here want {a} {n} and {a} {n}",
    "{e} {v} our {n} and the {n} must now {b}",
    "Without {a} {n}, the {n} of {p} will not {b}",
    "You cannot {b} {a} {n} with {n} alone",
    "Since {m} we have {v} {x} {n} for {p}",
)
_TITLE_TEMPLATES = (
    "{e} {v} {a} {n} in {p}",
    "{p} {n} {v} as {e} {v} {n}",
    "{a} {n} {v} after {n} in {p}",
    "{e} says {n} will {b} {a} {n}",
    "{x} {n} {v} in {p} {n}",
    "{e} {v} {n} over {a} {n}",
)
_ATTRIBUTIONS = (
    "{full} said.",
    "{full}, {role}, said.",
    "{full} told reporters.",
    "said {full}, {role}.",
    "{surname} said in a statement.",
    "{full} said on {day}.",
)
_REWRITE_ATTRIBUTIONS = (
    "{surname} said.",
    "{surname} added.",
    "{surname} told reporters.",
    "{full} was quoted as saying.",
)
_ORG_ROLES = ("a spokesperson for %s", "the chief executive of %s", "the head of %s", "a senior official at %s")
_PLACE_ROLES = ("the mayor of %s", "the governor of %s")
_WIRE_CITE_SUFFIXES = (", {w} reports.", ", according to {w}.", ", the {s} report said.", ", {w} reported.")
_WIRE_CITE_SENTENCES = ("{W} first reported the development.", "The news was first reported by {w}.")
_OUTLET_CITE_SUFFIXES = (", {o} reported.", ", according to {o}.")
_OUTLET_CITE_SENTENCES = ("This story was first published by {o}.", "The report was first carried by {o}.")

#: Lexicon pools hold exactly ``_POOL_SIZE`` words so one ``getrandbits`` fills a slot.
_POOL_BITS = 6
_POOL_SIZE = 1 << _POOL_BITS
#: Slot letter -> index into ``_Lexicon.pools``.
_SLOT_INDEX = {t: i for i, t in enumerate("nvabepdmwx")}
#: Slots whose first letter must be upper-cased when they open a sentence.
_LOWERCASE_SLOTS = frozenset(_SLOT_INDEX[t] for t in "nvabw")
_SLOT_RE = re.compile(r"\{(\w)\}")
#: Sentence groups in the bank; each group holds a sentence form and two paraphrases.
_SENTENCE_GROUPS = 4096
#: Share of an event's content words a light edit replaces by synonyms (content words
#: are about a quarter of the words, so ~15% of narrative words change).
LIGHT_WORD_SWAP = 0.6
#: Share of an event's content words a heavy rewrite replaces by synonyms.
PARAPHRASE_WORD_SWAP = 0.5

#: A compiled short template: ("%s-format", slot indexes, upper-case the first letter).
Template = tuple[str, tuple[int, ...], bool]


def _compile(template: str) -> Template:
    """Turn "the {n} of {p}" into ("the %s of %s", (0, 5), False): slot letters become
    indexes into ``_Lexicon.pools``; the flag says the text starts with a lowercase slot."""
    parts = _SLOT_RE.split(template)
    types = tuple(_SLOT_INDEX[t] for t in parts[1::2])
    return "%s".join(parts[0::2]), types, template.startswith("{") and types[0] in _LOWERCASE_SLOTS


_C_QUOTES = tuple(_compile(t) for t in _QUOTE_TEMPLATES)
_C_TITLES = tuple(_compile(t) for t in _TITLE_TEMPLATES)


class _Form:
    """A sentence template of the bank. ``alts`` are its paraphrase forms, each with an
    ``itemgetter`` mapping this form's slot values onto the paraphrase's slots (same slot
    types, so any value lands in a slot of its own type)."""

    __slots__ = ("alts", "cap", "fmt", "types")

    def __init__(self, template: str) -> None:
        self.fmt, self.types, self.cap = _compile(template)
        self.alts: tuple[tuple[_Form, _Picker], ...] = ()


#: Picks slot values by index, in C (an ``operator.itemgetter`` of two or more indexes).
_Picker = Callable[[tuple[str, ...]], tuple[str, ...]]


def _picker(indexes: tuple[int, ...]) -> _Picker:
    assert len(indexes) >= 2, "itemgetter of one index would not return a tuple"
    return cast(_Picker, itemgetter(*indexes))


def _slot_mapping(src: Sequence[int], dst: Sequence[int]) -> tuple[int, ...]:
    """For each slot of ``dst``, the index in ``src`` of the value it takes: the k-th
    slot of a type in ``dst`` takes the k-th value of that type in ``src``."""
    by_type: dict[int, list[int]] = {}
    for i, t in enumerate(src):
        by_type.setdefault(t, []).append(i)
    seen: dict[int, int] = {}
    out = []
    for t in dst:
        k = seen.get(t, 0)
        seen[t] = k + 1
        out.append(by_type[t][k])
    return tuple(out)


def _estimated_words(clause: str) -> int:
    """Words of a clause once filled (entity slots average two words)."""
    return len(clause.split()) + clause.count("{e}")


def _join_clauses(rng: Random, clauses: Sequence[str]) -> str:
    """Clauses joined by random connectors, capitalised, with a final period."""
    text = clauses[0]
    for clause in clauses[1:]:
        text += _CONNECTORS[int(rng.random() * len(_CONNECTORS))] + clause
    if not text.startswith("{"):
        text = text[0].upper() + text[1:]
    return text + "."


@lru_cache(maxsize=1)
def _sentence_bank() -> tuple[_Form, ...]:
    """12,288 sentence forms in groups of three: a sentence of 1-4 clauses and two
    paraphrases using the other forms of each clause with new connectors, all three of
    12-29 estimated words; every form lists the other two as its ``alts``. Fixed
    (independent of the corpus seed)."""
    rng = Random("wiretrace.synth sentence bank v1")
    r = rng.random
    bank: list[_Form] = []
    while len(bank) < 3 * _SENTENCE_GROUPS:
        target = 12 + int(r() * 18)
        rows: list[tuple[str, str, str]] = []
        shortest = longest = -1  # word estimates of the shortest / longest form (connectors: +1)
        while longest < target:
            row = _CLAUSE_FORMS[int(r() * len(_CLAUSE_FORMS))]
            sizes = [_estimated_words(f) + 1 for f in row]
            if rows and longest + max(sizes) > 29:
                break
            rows.append(row)
            shortest += min(sizes)
            longest += max(sizes)
        if shortest < 12:
            continue
        first = [1 + int(r() * 2) for _ in rows]  # which paraphrase of each clause goes first
        group = [
            _Form(_join_clauses(rng, [row[0] for row in rows])),
            _Form(_join_clauses(rng, [row[f] for row, f in zip(rows, first, strict=True)])),
            _Form(_join_clauses(rng, [row[3 - f] for row, f in zip(rows, first, strict=True)])),
        ]
        for form in group:
            form.alts = tuple((o, _picker(_slot_mapping(form.types, o.types))) for o in group if o is not form)
        bank.extend(group)
    return tuple(bank)


# --------------------------------------------------------------------------------------
# Vocabulary (fixed, independent of the corpus seed)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocab:
    """Pseudo-word lists and ``synonyms`` (symmetric, same part of speech). Each
    ``*_syn`` tuple is aligned with its word list: ``noun_syn[i]`` is the synonym of
    ``nouns[i]`` (a common word without a synonym is its own)."""

    nouns: tuple[str, ...]
    verbs: tuple[str, ...]
    adjs: tuple[str, ...]
    given: tuple[str, ...]
    surnames: tuple[str, ...]
    places: tuple[str, ...]
    synonyms: dict[str, str]
    noun_syn: tuple[str, ...]
    verb_syn: tuple[str, ...]
    adj_syn: tuple[str, ...]
    common_noun_syn: tuple[str, ...]
    common_verb_syn: tuple[str, ...]
    common_adj_syn: tuple[str, ...]


def _stem(rng: Random, syllables: int) -> str:
    return "".join(
        _ONSETS[int(rng.random() * len(_ONSETS))]
        + _VOWELS[int(rng.random() * len(_VOWELS))]
        + _CODAS[int(rng.random() * len(_CODAS))]
        for _ in range(syllables)
    )


def _past(stem: str) -> str:
    """Regular past tense of a pseudo stem: "blar" -> "blared", "stoke" -> "stoked"."""
    if stem.endswith("e"):
        return stem + "d"
    return stem + ("ed" if stem[-1] not in "aiou" else "ted")


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Build the vocabulary once: 4,000 nouns, 1,600 verbs, 1,600 adjectives, 600 given
    names, 2,000 surnames and 1,200 places, 4-11 letters, all distinct and distinct from
    the real words used in templates and citations."""
    rng = Random("wiretrace.synth vocabulary v1")
    taken = set(FUNCTION_WORDS) | set(COMMON_NOUNS) | set(COMMON_VERBS) | set(COMMON_ADJS)
    taken |= set(BASE_VERBS) | {w.lower() for wire in WIRES for a in wire.aliases for w in a.split()}

    def fresh(n: int, make: Callable[[], str]) -> tuple[str, ...]:
        out: list[str] = []
        while len(out) < n:
            w = make()
            if 4 <= len(w) <= 11 and w.lower() not in taken:
                taken.add(w.lower())
                out.append(w)
        return tuple(out)

    def syl() -> int:
        return 2 if rng.random() < 0.85 else 3

    def pick(options: Sequence[str]) -> str:
        return options[int(rng.random() * len(options))]

    nouns = fresh(4000, lambda: _stem(rng, syl()) + pick(_NOUN_SUFFIXES))
    verbs = fresh(1600, lambda: _past(_stem(rng, syl())))
    adjs = fresh(1600, lambda: _stem(rng, syl()) + pick(_ADJ_SUFFIXES))
    given = fresh(600, lambda: _stem(rng, 2).capitalize())
    surnames = fresh(2000, lambda: _stem(rng, syl()).capitalize())
    places = fresh(1200, lambda: _stem(rng, syl()).capitalize())

    synonyms: dict[str, str] = {}
    for words in (nouns, verbs, adjs):
        for i in range(0, len(words) - 1, 2):
            synonyms[words[i]] = words[i + 1]
            synonyms[words[i + 1]] = words[i]
    for x, y in COMMON_SYNONYM_PAIRS:
        synonyms[x] = y
        synonyms[y] = x

    def aligned(words: Sequence[str]) -> tuple[str, ...]:
        return tuple(synonyms.get(w, w) for w in words)

    return _Vocab(
        nouns,
        verbs,
        adjs,
        given,
        surnames,
        places,
        synonyms,
        *map(aligned, (nouns, verbs, adjs, COMMON_NOUNS, COMMON_VERBS, COMMON_ADJS)),
    )


# --------------------------------------------------------------------------------------
# Events, lexicons and sentences
# --------------------------------------------------------------------------------------


class _Person(NamedTuple):
    full: str
    surname: str
    role: str


class _Quote(NamedTuple):
    """A quotation paragraph ``"text," attribution``, pre-rendered with straight and curly
    quote marks. ``text`` never changes downstream; the attribution may be reworded."""

    text: str
    attribution: str
    speaker: _Person
    straight: str
    curly: str


def _make_quote(text: str, attribution: str, speaker: _Person) -> _Quote:
    return _Quote(text, attribution, speaker, f'"{text}," {attribution}', f"“{text},” {attribution}")


class _Sentence:
    """A generated narrative sentence: its bank form, slot values and rendered ``text``.
    Keeping the slot values makes synonym edits and paraphrases cheap re-renderings."""

    __slots__ = ("form", "text", "vals")

    def __init__(self, form: _Form, vals: tuple[str, ...]) -> None:
        self.form = form
        self.vals = vals
        text = form.fmt % vals
        self.text = text[0].upper() + text[1:] if form.cap else text


def _cycle(words: Sequence[str]) -> tuple[str, ...]:
    """Repeat ``words`` to exactly ``_POOL_SIZE`` entries (near-uniform weights)."""
    return (tuple(words) * (_POOL_SIZE // len(words) + 1))[:_POOL_SIZE]


def _window(words: tuple[str, ...], start: float, k: int) -> tuple[str, ...]:
    """``k`` consecutive words of ``words`` from relative position ``start`` in [0, 1)
    (the vocabulary is in random order, so a window is a random sample)."""
    i = int(start * (len(words) - k + 1))
    return words[i : i + k]


_DAY_POOL = _cycle(DAYS)
_MONTH_POOL = _cycle(MONTHS)
_PERIOD_POOL = _cycle(PERIODS)
_NUMBERS = tuple(str(i) for i in range(2, 952))


class _Lexicon:
    """Per-event word pools, one per slot type in ``_SLOT_INDEX`` order, each exactly
    ``_POOL_SIZE`` long. Topic pseudo-words (random windows of the vocabulary) dominate;
    a window of common news words, the event's names and calendar words fill the rest.
    ``content`` lists the event's nouns, verbs and adjectives (the words edits swap) and
    ``content_syn`` their synonyms, aligned."""

    __slots__ = ("bank", "city", "content", "content_syn", "people", "pools")

    def __init__(self, rng: Random) -> None:
        v = _vocab()
        r = rng.random
        n_people, n_orgs = 2 + int(r() * 3), 1 + int(r() * 2)
        places = _window(v.places, r(), 2 + int(r() * 2))
        orgs = [
            f"Ministry of {org.capitalize()}" if r() < 0.25 else f"{org} {_ORG_SUFFIXES[int(r() * len(_ORG_SUFFIXES))]}"
            for org in _window(v.surnames, r(), n_orgs)
        ]
        self.city = places[0]
        self.people = [
            self._person(rng, given, surname, orgs[i % n_orgs], places[-1])
            for i, (given, surname) in enumerate(
                zip(_window(v.given, r(), n_people), _window(v.surnames, r(), n_people), strict=True)
            )
        ]
        entities = [p.full for p in self.people] * 2 + [p.surname for p in self.people] + orgs
        nouns, noun_syn = _windows(v.nouns, v.noun_syn, 40, COMMON_NOUNS, v.common_noun_syn, 24, rng)
        verbs, verb_syn = _windows(v.verbs, v.verb_syn, 20, COMMON_VERBS, v.common_verb_syn, 12, rng)
        adjs, adj_syn = _windows(v.adjs, v.adj_syn, 20, COMMON_ADJS, v.common_adj_syn, 12, rng)
        self.content = nouns + verbs + adjs
        self.content_syn = noun_syn + verb_syn + adj_syn
        self.pools: tuple[tuple[str, ...], ...] = (  # order of _SLOT_INDEX: n v a b e p d m w x
            nouns,
            verbs * 2,
            adjs * 2,
            _window(BASE_VERBS, r(), 8) * 8,
            _cycle(entities),
            _cycle(places),
            _DAY_POOL,
            _MONTH_POOL,
            _PERIOD_POOL,
            _window(_NUMBERS, r(), 8) * 8,
        )
        self.bank = _sentence_bank()

    @staticmethod
    def _person(rng: Random, given: str, surname: str, org: str, place: str) -> _Person:
        r = rng.random
        role = _ORG_ROLES[int(r() * len(_ORG_ROLES))] % org if r() < 0.7 else _PLACE_ROLES[int(r() * 2)] % place
        return _Person(f"{given} {surname}", surname, role)


def _windows(
    words: tuple[str, ...],
    syns: tuple[str, ...],
    k: int,
    common: tuple[str, ...],
    common_syns: tuple[str, ...],
    common_k: int,
    rng: Random,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``k`` topic and ``common_k`` common words of one part of speech, with their
    aligned synonyms."""
    i = int(rng.random() * (len(words) - k + 1))
    j = int(rng.random() * (len(common) - common_k + 1))
    return words[i : i + k] + common[j : j + common_k], syns[i : i + k] + common_syns[j : j + common_k]


def _fill(rng: Random, lex: _Lexicon, template: Template) -> str:
    """Fill every slot of a short template (quote, title) from the lexicon."""
    g = rng.getrandbits
    pools = lex.pools
    text = template[0] % tuple([pools[t][g(_POOL_BITS)] for t in template[1]])
    return text[0].upper() + text[1:] if template[2] else text


def _sentence(rng: Random, lex: _Lexicon) -> _Sentence:
    """A fresh narrative sentence (about 12-30 words) from the sentence bank: the hot
    path, one ``getrandbits`` per slot."""
    g = rng.getrandbits
    pools = lex.pools
    form = lex.bank[int(rng.random() * len(lex.bank))]
    return _Sentence(form, tuple([pools[t][g(_POOL_BITS)] for t in form.types]))


def _quote(rng: Random, lex: _Lexicon) -> _Quote:
    """A first-person quotation attributed to one of the event's people."""
    r = rng.random
    text = _fill(rng, lex, _C_QUOTES[int(r() * len(_C_QUOTES))])
    speaker = lex.people[int(r() * len(lex.people))]
    return _make_quote(text, _attribution(rng, speaker, _ATTRIBUTIONS), speaker)


def _attribution(rng: Random, p: _Person, templates: Sequence[str]) -> str:
    r = rng.random
    return templates[int(r() * len(templates))].format(
        full=p.full, surname=p.surname, role=p.role, day=DAYS[int(r() * 7)]
    )


def _title(rng: Random, lex: _Lexicon) -> str:
    return _fill(rng, lex, _C_TITLES[int(rng.random() * len(_C_TITLES))])


# --------------------------------------------------------------------------------------
# Documents and transformations
# --------------------------------------------------------------------------------------

#: A paragraph: a generated sentence, free text (e.g. a lead with a citation) or a quote.
Item = _Sentence | str | _Quote


@dataclass(slots=True)
class _Doc:
    """An article body before rendering. ``items`` are paragraphs; ``dateline``
    ("CITY (Wire) - " or "") prefixes the first one; ``cites_wire`` records whether the
    body names its wire (dateline or phrase)."""

    title: str
    dateline: str
    items: list[Item]
    cites_wire: bool


def _text(item: _Sentence | str) -> str:
    return item if isinstance(item, str) else item.text


_CURLY = attrgetter("curly")
_STRAIGHT = attrgetter("straight")


def _render(doc: _Doc, outlet: Outlet | None) -> str:
    """Paragraphs joined by blank lines; an outlet adds its boilerplate and quote style."""
    quote = _CURLY if outlet is not None and outlet.curly_quotes else _STRAIGHT
    body = [it if type(it) is str else it.text if type(it) is _Sentence else quote(it) for it in doc.items]
    if doc.dateline and body:
        body[0] = doc.dateline + body[0]
    if outlet is None:
        return "\n\n".join(body)
    return "\n\n".join((*outlet.header, *body, *outlet.footer))


@lru_cache(maxsize=8)
def _bernoulli_table(rate: float) -> bytes:
    """``bytes.translate`` table turning a random byte into 1 with probability ``rate``."""
    return bytes(int(b < rate * 256) for b in range(256))


def _synonym_map(rng: Random, lex: _Lexicon, rate: float) -> dict[str, str]:
    """An editor's choice for one article: each of the event's content words is replaced
    by its synonym with probability ``rate``, consistently across the article."""
    chosen = rng.randbytes(len(lex.content)).translate(_bernoulli_table(rate))
    return dict(compress(zip(lex.content, lex.content_syn, strict=True), chosen))


def _replace_words(text: str, repl: dict[str, str]) -> str:
    """Apply ``repl`` to the words of free text (trailing punctuation kept)."""
    words = text.split(" ")
    for i, w in enumerate(words):
        core = w.rstrip(",.;:")
        rep = repl.get(core)
        if rep is not None:
            words[i] = rep + w[len(core) :]
    return " ".join(words)


def _edit(item: _Sentence | str, repl: dict[str, str]) -> _Sentence | str:
    """The sentence with ``repl`` applied to its words (same form)."""
    if isinstance(item, str):
        return _replace_words(item, repl)
    return _Sentence(item.form, tuple(map(repl.get, item.vals, item.vals)))


def _touch(rng: Random, item: _Sentence | str) -> _Sentence | str:
    """A nearly intact copy: one slot value replaced by its synonym (if it has one)."""
    if isinstance(item, str):
        return item
    vals = list(item.vals)
    i = int(rng.random() * len(vals))
    vals[i] = _vocab().synonyms.get(vals[i], vals[i])
    return _Sentence(item.form, tuple(vals))


def _paraphrase(rng: Random, repl: dict[str, str], item: _Sentence | str) -> _Sentence | str:
    """The same slot values, ``repl`` applied, in one of the form's paraphrase forms:
    new wording and word order, same content. Free text is only synonym-edited."""
    if isinstance(item, str):
        return _replace_words(item, repl)
    form, pick = item.form.alts[int(rng.random() * len(item.form.alts))]
    vals = pick(item.vals)
    return _Sentence(form, tuple(map(repl.get, vals, vals)))


def _narrative_positions(items: Sequence[Item]) -> list[int]:
    return [i for i, it in enumerate(items) if not isinstance(it, _Quote)]


def _excerpt(rng: Random, doc: _Doc) -> _Doc:
    """The first 30-60% of paragraphs (at least five, so an added citation phrase stays
    a small part of the text; never all of them)."""
    n = len(doc.items)
    k = min(n - 1, max(5, math.ceil(n * (0.3 + 0.3 * rng.random()))))
    return _Doc(doc.title, doc.dateline, doc.items[:k], doc.cites_wire)


def _light(rng: Random, lex: _Lexicon, doc: _Doc) -> _Doc:
    """~15% of words swapped for synonyms in narrative paragraphs, maybe one paragraph
    dropped and one added; quotes untouched; the lead paragraph stays first."""
    r = rng.random
    repl = _synonym_map(rng, lex, LIGHT_WORD_SWAP)
    items: list[Item] = [it if isinstance(it, _Quote) else _edit(it, repl) for it in doc.items]
    narr = _narrative_positions(items)[1:]
    if narr and r() < 0.5:
        del items[narr[int(r() * len(narr))]]
    if r() < 0.5:
        items.insert(1 + int(r() * len(items)), _sentence(rng, lex))
    return _Doc(_replace_words(doc.title, repl), doc.dateline, items, doc.cites_wire)


def _heavy(rng: Random, lex: _Lexicon, doc: _Doc) -> _Doc:
    """Paraphrase 70-80% of narrative paragraphs, keep the rest nearly intact, keep every
    quote's text verbatim (attribution often reworded), drop ~12% of the paraphrasable
    paragraphs and add 2-4 new ones plus one per two quotes (so quote-heavy articles stay
    rewrites: at most about half of a rewrite's 3-shingles occur in its parent); new
    title, no dateline."""
    r = rng.random
    repl = _synonym_map(rng, lex, PARAPHRASE_WORD_SWAP)
    narr = _narrative_positions(doc.items)
    keep = set(rng.sample(narr, int(len(narr) * (0.2 + 0.1 * r()) + 0.5)))
    items: list[Item] = []
    for i, it in enumerate(doc.items):
        if isinstance(it, _Quote):
            if r() < 0.6:
                it = _make_quote(it.text, _attribution(rng, it.speaker, _REWRITE_ATTRIBUTIONS), it.speaker)
            items.append(it)
        elif i in keep:
            items.append(_touch(rng, it) if r() < 0.5 else it)
        elif i == 0 or r() >= 0.12:
            items.append(_paraphrase(rng, repl, it))
    n_quotes = len(doc.items) - len(narr)
    for _ in range(2 + int(r() * 3) + n_quotes // 2):
        items.insert(1 + int(r() * len(items)), _sentence(rng, lex))
    return _Doc(_title(rng, lex), "", items, False)


def _cite_wire(rng: Random, doc: _Doc, wire: Wire, mode: str, *, own_sentence: bool = True) -> _Doc:
    """Apply a citation mode: "dateline" keeps "CITY (Wire) - " (a body without one, e.g.
    a heavy rewrite, cites inline instead), "inline" replaces it by a phrase in the lead
    (or, if ``own_sentence``, sometimes an added paragraph), "none" strips it."""
    if mode == "dateline" and doc.dateline:
        return doc
    if mode == "none":
        return _Doc(doc.title, "", doc.items, False)
    r = rng.random
    alias = wire.aliases[int(r() * len(wire.aliases))]
    items = list(doc.items)
    lead = items[0]
    if isinstance(lead, _Quote) or (own_sentence and r() < 0.25):
        s = _WIRE_CITE_SENTENCES[int(r() * len(_WIRE_CITE_SENTENCES))]
        items.insert(min(len(items), 1 + int(r() * 2)), s.format(w=alias, W=alias[0].upper() + alias[1:]))
    else:
        text = _text(lead)
        if text.startswith("The ") and r() < 0.4:
            items[0] = f"According to {alias}, the {text[4:]}"
        else:
            suffix = _WIRE_CITE_SUFFIXES[int(r() * len(_WIRE_CITE_SUFFIXES))]
            items[0] = text[:-1] + suffix.format(w=alias, s=wire.name)
    return _Doc(doc.title, "", items, True)


def _cite_outlet(rng: Random, doc: _Doc, outlet: str) -> _Doc:
    """Credit a copied outlet in the lead or in an added last paragraph."""
    r = rng.random
    items = list(doc.items)
    lead = items[0]
    if r() < 0.5 and not isinstance(lead, _Quote) and not doc.dateline:
        items[0] = _text(lead)[:-1] + _OUTLET_CITE_SUFFIXES[int(r() * 2)].format(o=outlet)
    else:
        items.append(_OUTLET_CITE_SENTENCES[int(r() * 2)].format(o=outlet))
    return _Doc(doc.title, doc.dateline, items, doc.cites_wire)


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
