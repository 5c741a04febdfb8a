"""The fixed vocabulary and each event's lexicon: names, places, sentences and quotes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from random import Random
from typing import NamedTuple

from workbench.synth.words import (
    _ADJ_SUFFIXES,
    _ATTRIBUTIONS,
    _C_QUOTES,
    _C_TITLES,
    _CODAS,
    _NOUN_SUFFIXES,
    _ONSETS,
    _ORG_ROLES,
    _ORG_SUFFIXES,
    _PLACE_ROLES,
    _POOL_BITS,
    _POOL_SIZE,
    _VOWELS,
    BASE_VERBS,
    COMMON_ADJS,
    COMMON_NOUNS,
    COMMON_SYNONYM_PAIRS,
    COMMON_VERBS,
    DAYS,
    FUNCTION_WORDS,
    MONTHS,
    PERIODS,
    WIRES,
    Template,
    _Form,
    _sentence_bank,
)

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
