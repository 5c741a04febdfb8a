"""Word lists, outlets and sentence templates (fixed, independent of the corpus seed)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import itemgetter
from random import Random
from typing import cast

from workbench.synth.model import Outlet, Wire

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
