"""Verification of candidate pairs: is one article's text derived from the other's?

A candidate pair (from shared MinHash band keys) is *verified* when the articles share
narrative text — text outside direct quotations — either as word shingles or as aligned
sentences. Shared quotes are recorded as evidence but never verify a pair on their own:
two agencies at one press conference share the quote, not the story.

Every measure here is on word shingles of clean text (see :mod:`wiretrace.shingles`).
Containment ``c(a in b) = |S(a) ∩ S(b)| / |S(a)|`` is asymmetric: an excerpt is contained
in its source, not the other way round.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import pyarrow as pa

from wiretrace.params import VerifyParams
from wiretrace.schemas import PAIR
from wiretrace.shingles import is_single_char_token, shingles, tokens

_QUOTED = re.compile(r'"[^"\n]*"|「[^」\n]*」|『[^』\n]*』')
#: A sentence ends after . ! ? and a space, after a Chinese or Japanese full stop (no space
#: follows one) unless a closing quote or bracket comes next, and at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=。)(?=[^\s」』)\"'])|\n+")
#: A republishing credit: a sentence about the article itself having run elsewhere ("The report
#: was first carried by X.", "This article originally appeared in X."). Every outlet that
#: republishes X's stories carries it, whatever the story.
_CREDIT_LINE = re.compile(
    r"(?i)^(?:this|the)\s+(?:story|report|article|piece|post|news)\s+(?:was\s+|is\s+|has\s+been\s+)?"
    r"(?:first\s+|originally\s+)?(?:published|carried|posted|appeared|ran|syndicated|reported)\b"
)

#: Function words that carry no story content; sentence alignment counts the other words.
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into onto about over after before
    under between through during without within is are was were be been being am has have had do does
    did will would shall should can could may might must it its this that these those there here he she
    they we you i me him her them us our your their his hers my mine who whom whose which what when
    where why how not no nor so than too very also just only then said says say told tell according
    s t""".split()
)


class TextProfile:
    """What verification needs of one article (see :func:`profile`), computed at most once per run.

    ``narrative_shingles`` (all :func:`_may_verify` reads) is computed when the profile is made,
    every other measure on first use: most candidate pairs fail that pre-check (1,000 new
    articles into a warehouse holding their 14-day window: 2,012 of 23,564 candidates passed it,
    and 843 of the 10,518 articles read were needed beyond it).

    Invariant: ``narrative_shingles`` ⊆ shingles of the text with quoted spans removed;
    ``sentences[i]`` is the content-word set of ``sentence_texts[i]``.
    """

    def __init__(self, article_id: str, clean_text: str, quotes: Sequence[str], k: int, run: int) -> None:
        self.article_id = article_id
        self._text, self._quotes, self._k, self._run = clean_text, quotes, k, run
        self._unquoted = [s for s in sentences(_QUOTED.sub(' " ', clean_text)) if not _CREDIT_LINE.match(s)]
        narrative: set[str] = set()
        for sentence in self._unquoted:
            if '"' not in sentence:
                sentence_tokens = tokens(sentence)
                if len(sentence_tokens) >= k:
                    narrative |= shingles(sentence_tokens, k)
        self.narrative_shingles = frozenset(narrative)

    @cached_property
    def shingles(self) -> frozenset[str]:
        """Word shingles of the whole text."""
        return frozenset(shingles(tokens(self._text), self._k))

    @cached_property
    def _narrative_sentences(self) -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
        texts, sets = [], []
        for sentence in self._unquoted:
            if '"' not in sentence:
                content = frozenset(w for w in tokens(sentence) if w not in STOPWORDS and not w.isdigit())
                if len(content) >= 3:
                    texts.append(sentence)
                    sets.append(content)
        return tuple(texts), tuple(sets)

    @property
    def sentence_texts(self) -> tuple[str, ...]:
        """Narrative sentences holding at least three content words."""
        return self._narrative_sentences[0]

    @property
    def sentences(self) -> tuple[frozenset[str], ...]:
        """Content words of each of ``sentence_texts``."""
        return self._narrative_sentences[1]

    @cached_property
    def sentence_runs(self) -> tuple[frozenset[str], ...]:
        """Word ``run``-grams of each sentence (quoted spans removed, credit lines left out) long
        enough to hold one: verbatim wording."""
        runs = []
        for sentence in self._unquoted:
            sentence_tokens = tokens(sentence)
            # A Chinese or Japanese token is one character, about half a word: twice as many make a run.
            cjk = not sentence.isascii() and sum(map(is_single_char_token, sentence_tokens)) * 2 > len(sentence_tokens)
            length = self._run * 2 if cjk else self._run
            if len(sentence_tokens) >= length:
                runs.append(frozenset(shingles(sentence_tokens, length)))
        return tuple(runs)

    @cached_property
    def quotes(self) -> tuple[str, ...]:
        """The article's direct quotations as token strings."""
        return tuple(" ".join(tokens(q)) for q in self._quotes if tokens(q))


@dataclass(frozen=True)
class PairEvidence:
    """Similarity of two articles ``a`` and ``b`` (``a < b`` by id), with the evidence.

    ``aligned`` holds (sentence of a, sentence of b) index pairs whose content words match.
    """

    a: str
    b: str
    jaccard: float
    containment_ab: float
    containment_ba: float
    narrative_containment_ab: float
    narrative_containment_ba: float
    shared_narrative: int
    aligned_share_ab: float
    aligned_share_ba: float
    aligned: tuple[tuple[int, int], ...]
    shared_quotes: tuple[str, ...]
    verified: bool
    relation: str | None
    strength: float


def profile(article_id: str, clean_text: str, quotes: Sequence[str], k: int, run: int = 6) -> TextProfile:
    """Profile of one article for verification (``k`` = shingle size, ``run`` = words of a verbatim run).

    Narrative text is the text of sentences that hold no direct quotation and are no
    republishing credit: a quote's attribution tail ("…," said Sergey Lavrov, Russia's foreign
    minister) travels with the quote to every outlet covering the event, and a credit line
    ("The report was first carried by X.") with every story an outlet takes from X, so neither
    is evidence of a shared story.
    """
    return TextProfile(article_id, clean_text, quotes, k, run)


def sentences(text: str) -> list[str]:
    """Sentences of ``text``: split after . ! ? and 。 and at line breaks (abbreviations split too)."""
    return [piece.strip() for piece in _SENTENCE_END.split(text) if piece.strip()]


def compare(a: TextProfile, b: TextProfile, params: VerifyParams) -> PairEvidence:
    """Measure and verify one pair. Symmetric up to swapping ``a`` and ``b``."""
    if b.article_id < a.article_id:
        a, b = b, a
    inter = len(a.shingles & b.shingles)
    union = len(a.shingles) + len(b.shingles) - inter
    n_inter = len(a.narrative_shingles & b.narrative_shingles)
    nc_ab = _ratio(n_inter, len(a.narrative_shingles))
    nc_ba = _ratio(n_inter, len(b.narrative_shingles))
    aligned = _align(a.sentences, b.sentences, params.sentence_match)
    al_ab = _ratio(len({i for i, _ in aligned}), len(a.sentences))
    al_ba = _ratio(len({j for _, j in aligned}), len(b.sentences))
    shared_quotes = _shared_quotes(a.quotes, b.quotes)
    nc_max, al_max = max(nc_ab, nc_ba), max(al_ab, al_ba)
    verified = (
        n_inter >= params.min_shared_shingles
        and (
            nc_max >= params.narrative_containment
            or (nc_max >= params.weak_narrative_containment and al_max >= params.aligned_share)
        )
        and _shares_wording(a, b, len(aligned), nc_max, params)
    )
    jaccard = _ratio(inter, union)
    c_ab, c_ba = _ratio(inter, len(a.shingles)), _ratio(inter, len(b.shingles))
    relation = None
    if verified:
        if jaccard >= params.verbatim_jaccard:
            relation = "verbatim"
        elif max(c_ab, c_ba) >= params.excerpt_containment:
            relation = "excerpt"
        else:
            relation = "rewrite"
    return PairEvidence(
        a=a.article_id,
        b=b.article_id,
        jaccard=jaccard,
        containment_ab=c_ab,
        containment_ba=c_ba,
        narrative_containment_ab=nc_ab,
        narrative_containment_ba=nc_ba,
        shared_narrative=n_inter,
        aligned_share_ab=al_ab,
        aligned_share_ba=al_ba,
        aligned=tuple(aligned),
        shared_quotes=shared_quotes,
        verified=verified,
        relation=relation,
        strength=min(1.0, 0.6 * nc_max + 0.4 * al_max) if verified else 0.0,
    )


def worded_sentences(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> int:
    """How many sentences of ``a`` share a verbatim run of words with ``b``."""
    every_run_of_b = frozenset().union(*b)
    return sum(1 for runs in a if not runs.isdisjoint(every_run_of_b))


def _shares_wording(a: TextProfile, b: TextProfile, n_aligned: int, nc_max: float, params: VerifyParams) -> bool:
    """Whether ``a`` and ``b`` keep the same wording in several places: each has
    ``min_worded_sentences`` sentences (or all it has) holding a verbatim run of the other, and a
    pair worded in exactly that many shows one more sign (a further worded sentence, aligned
    sentences, strong narrative containment, or a large worded share of the shorter text). Copies
    and rewrites keep their source's wording in many places; two reports of one event share a
    stock sentence, a statement or names in one or two."""
    worded_a = worded_sentences(a.sentence_runs, b.sentence_runs)
    worded_b = worded_sentences(b.sentence_runs, a.sentence_runs)
    n_a, n_b = len(a.sentence_runs), len(b.sentence_runs)
    needed = params.min_worded_sentences
    if worded_a < min(needed, n_a) or worded_b < min(needed, n_b):
        return False
    shorter_share = _ratio(worded_a, n_a) if n_a <= n_b else _ratio(worded_b, n_b)
    return (
        (worded_a >= min(needed + 1, n_a) and worded_b >= min(needed + 1, n_b))
        or n_aligned >= min(params.min_aligned_sentences, len(a.sentences), len(b.sentences))
        or nc_max >= params.strong_narrative_containment
        or shorter_share >= params.strong_worded_share
    )


def _ratio(n: int, d: int) -> float:
    return n / d if d else 0.0


def _align(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...], threshold: float) -> list[tuple[int, int]]:
    """Each sentence of ``a`` paired with its best match in ``b`` when content-word Jaccard ≥ threshold."""
    pairs: list[tuple[int, int]] = []
    for i, sa in enumerate(a):
        best, best_j = 0.0, -1
        for j, sb in enumerate(b):
            common = len(sa & sb)
            if common == 0:
                continue
            score = common / (len(sa) + len(sb) - common)
            if score > best:
                best, best_j = score, j
        if best >= threshold:
            pairs.append((i, best_j))
    return pairs


def _shared_quotes(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """Quotes of ``a`` that also occur in ``b`` (one contained in the other, as token strings)."""
    shared = [qa for qa in a if any(qa in qb or qb in qa for qb in b)]
    return tuple(dict.fromkeys(shared))


def verify_streamed(
    candidates: Iterable[tuple[str, str]],
    order: Sequence[str],
    articles: Iterable[tuple[str, str, Sequence[str]]],
    params: VerifyParams,
    chunk: int = 5000,
) -> Iterator[tuple[pa.Table, int]]:
    """Verify ``candidates``, reading ``articles`` (id, clean text, quotes) once, in ``order``.

    Yields (verified pairs, pairs compared) per ``chunk`` pairs. Pairs are compared in the order
    of their later article, a profile is built when a pair first needs it and dropped after the
    last pair that does. With candidates inside a time window and ``order`` by publication time,
    memory holds about one window of profiles, not every involved article.
    Invariant: the verified pairs are exactly the candidates ``compare`` verifies.
    Raises ``ValueError`` when a candidate's article is not in ``order`` or ``articles``.
    """
    pairs = _in_reading_order(candidates, _ranks(order))
    last_use = {article_id: i for i, pair in enumerate(pairs) for article_id in pair}
    stream = iter(articles)
    profiles: dict[str, TextProfile] = {}
    for start in range(0, len(pairs), chunk):
        block = pairs[start : start + chunk]
        rows: list[PairEvidence] = []
        for i, (a, b) in enumerate(block, start):
            while a not in profiles or b not in profiles:
                article_id, clean_text, quotes = next(stream, (None, "", ()))
                if article_id is None:
                    raise ValueError(f"candidate article {a if a not in profiles else b!r} has no text to verify")
                if article_id in last_use:
                    profiles[article_id] = profile(
                        article_id, clean_text, quotes, params.shingle_size, params.wording_run
                    )
            pa_, pb = profiles[a], profiles[b]
            if _may_verify(pa_, pb, params):
                evidence = compare(pa_, pb, params)
                if evidence.verified:
                    rows.append(evidence)
            for article_id in (a, b):
                if last_use[article_id] == i:
                    del profiles[article_id]
        yield pairs_table(rows), len(block)


def _ranks(order: Sequence[str]) -> dict[str, int]:
    return {article_id: i for i, article_id in enumerate(order)}


def _in_reading_order(candidates: Iterable[tuple[str, str]], rank: Mapping[str, int]) -> list[tuple[str, str]]:
    """Candidates sorted by the ``rank`` of their later article, then of their earlier one."""
    try:
        return sorted(candidates, key=lambda p: (max(rank[p[0]], rank[p[1]]), min(rank[p[0]], rank[p[1]])))
    except KeyError as missing:
        raise ValueError(f"candidate article {missing.args[0]!r} has no text to verify") from None


def segments(
    candidates: Iterable[tuple[str, str]], order: Sequence[str], size: int
) -> list[tuple[list[tuple[str, str]], list[str]]]:
    """Candidates cut into segments of at most ``size`` pairs, each with the articles it reads in ``order``.

    Segments verify independently (in other processes): :func:`verify_segment` over all of
    them verifies exactly the pairs :func:`verify_streamed` does. Consecutive in reading order,
    so a segment reads about ``size`` pairs' worth of articles plus one time window before them.
    """
    if size <= 0:
        raise ValueError(f"size must be positive, got {size}")
    rank = _ranks(order)
    pairs = _in_reading_order(candidates, rank)
    cut = []
    for start in range(0, len(pairs), size):
        block = pairs[start : start + size]
        cut.append((block, sorted({a for pair in block for a in pair}, key=rank.__getitem__)))
    return cut


def verify_segment(
    pairs: list[tuple[str, str]],
    order: Sequence[str],
    articles: Iterable[tuple[str, str, Sequence[str]]],
    params: VerifyParams,
) -> tuple[pa.Table, int]:
    """(verified pairs, pairs compared) of one segment from :func:`segments`: one worker's job."""
    parts = list(verify_streamed(pairs, order, articles, params, chunk=max(1, len(pairs))))
    return parts[0] if parts else (pairs_table([]), 0)


def _may_verify(a: TextProfile, b: TextProfile, params: VerifyParams) -> bool:
    """False when ``compare`` cannot verify the pair: too little shared narrative text, the
    condition every verification needs. Saves sentence alignment on most candidates."""
    shared = len(a.narrative_shingles & b.narrative_shingles)
    smaller = min(len(a.narrative_shingles), len(b.narrative_shingles))
    return shared >= params.min_shared_shingles and _ratio(shared, smaller) >= min(
        params.narrative_containment, params.weak_narrative_containment
    )


def pairs_table(rows: Sequence[PairEvidence]) -> pa.Table:
    """Verified pairs as a ``PAIR`` table (``aligned`` and ``shared_quotes`` as JSON text)."""
    columns: dict[str, list[object]] = {name: [] for name in PAIR.names}
    for e in rows:
        for name in PAIR.names:
            value = getattr(e, name)
            columns[name].append(json.dumps(list(value)) if name in ("aligned", "shared_quotes") else value)
    return pa.Table.from_pydict(columns, schema=PAIR)


def pair_from_row(row: Mapping[str, object]) -> PairEvidence:
    """A stored verified pair back as :class:`PairEvidence`."""

    def load(value: object) -> list[object]:
        return list(json.loads(value)) if isinstance(value, str) else list(value or [])  # type: ignore[call-overload]

    fields = {name: row[name] for name in PAIR.names}
    fields["aligned"] = tuple(tuple(p) for p in load(row["aligned"]))  # type: ignore[arg-type]
    fields["shared_quotes"] = tuple(load(row["shared_quotes"]))
    return PairEvidence(verified=True, **fields)  # type: ignore[arg-type]
