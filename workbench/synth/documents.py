"""Documents and how outlets transform them: render, excerpt, edit, rewrite, cite."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from random import Random

from workbench.synth.lexicon import _attribution, _Lexicon, _make_quote, _Quote, _Sentence, _sentence, _title, _vocab
from workbench.synth.model import Outlet, Wire
from workbench.synth.words import (
    _OUTLET_CITE_SENTENCES,
    _OUTLET_CITE_SUFFIXES,
    _REWRITE_ATTRIBUTIONS,
    _WIRE_CITE_SENTENCES,
    _WIRE_CITE_SUFFIXES,
    LIGHT_WORD_SWAP,
    PARAPHRASE_WORD_SWAP,
)

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
