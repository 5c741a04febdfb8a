"""Side-by-side comparison of two articles: aligned passages and shared quotes, as HTML.

Uses the verifier's own measures (:func:`wiretrace.verify.profile` and
:func:`wiretrace.verify.compare`), so what is highlighted is exactly the evidence the
pipeline weighed: narrative sentences whose content words match (numbered pairs) and
direct quotes that occur in both texts.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from wiretrace.params import VerifyParams
from wiretrace.shingles import tokens
from wiretrace.verify import PairEvidence, compare, profile

QUOTE_STYLE = "background:#ffe08a;border-radius:3px;padding:0 2px"
ALIGNED_STYLE = "background:#cfe8ff;border-radius:3px;padding:0 2px"
TEXT_STYLE = "white-space:pre-wrap;font-size:0.9rem;line-height:1.5"


@dataclass(frozen=True)
class Span:
    """A highlighted character range ``[start, end)`` of a text; ``label`` is shown before it."""

    start: int
    end: int
    kind: str  # "quote" or "aligned"
    label: str


@dataclass(frozen=True)
class SideBySide:
    """Two articles compared: the evidence, the aligned sentence pairs, and both texts as HTML.

    Invariant: ``pairs[n]`` is the pair labelled ``n + 1`` in both ``html_a`` and ``html_b``.
    """

    evidence: PairEvidence
    pairs: tuple[tuple[str, str], ...]
    shared_quotes: tuple[str, ...]
    html_a: str
    html_b: str


def side_by_side(
    a: tuple[str, str, Sequence[str]],
    b: tuple[str, str, Sequence[str]],
    params: VerifyParams | None = None,
) -> SideBySide:
    """Compare articles given as (article_id, clean_text, quotes); ``a`` is shown left, ``b`` right."""
    params = params or VerifyParams()
    pa_, pb = (profile(i, text, list(quotes), params.shingle_size) for i, text, quotes in (a, b))
    evidence = compare(pa_, pb, params)
    swapped = evidence.a != pa_.article_id
    aligned = [(j, i) if swapped else (i, j) for i, j in evidence.aligned]
    # One label per sentence of a; several sentences of a may align to one of b.
    pairs = tuple((pa_.sentence_texts[i], pb.sentence_texts[j]) for i, j in aligned)
    shared = set(evidence.shared_quotes)
    spans_a = _quote_spans(a[1], a[2], shared) + _sentence_spans(a[1], [s for s, _ in pairs])
    spans_b = _quote_spans(b[1], b[2], shared) + _sentence_spans(b[1], [s for _, s in pairs])
    return SideBySide(
        evidence=evidence,
        pairs=pairs,
        shared_quotes=evidence.shared_quotes,
        html_a=highlight(a[1], spans_a),
        html_b=highlight(b[1], spans_b),
    )


def _quote_spans(text: str, quotes: Sequence[str], shared: set[str]) -> list[Span]:
    """Spans of the quotes of ``text`` whose token form is among (or contains/is in) ``shared``."""
    spans = []
    for quote in quotes:
        key = " ".join(tokens(quote))
        if key and any(key in s or s in key for s in shared):
            start = text.find(quote)
            if start >= 0:
                spans.append(Span(start, start + len(quote), "quote", "❝"))
    return spans


def _sentence_spans(text: str, sentences: Sequence[str]) -> list[Span]:
    """Spans of aligned sentences, labelled by pair number. A narrative sentence holds no quote,
    so it occurs verbatim in the text; a sentence in several pairs keeps its first label."""
    spans = []
    for n, sentence in enumerate(sentences, start=1):
        start = text.find(sentence)
        if start >= 0:
            spans.append(Span(start, start + len(sentence), "aligned", str(n)))
    return spans


def highlight(text: str, spans: Sequence[Span]) -> str:
    """``text`` as escaped HTML with ``spans`` marked; a span overlapping an earlier kept one is dropped."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    out, pos = [], 0
    for span in kept:
        out.append(html.escape(text[pos : span.start]))
        style = QUOTE_STYLE if span.kind == "quote" else ALIGNED_STYLE
        badge = f"<sup><b>{html.escape(span.label)}</b></sup>"
        out.append(
            f'<mark class="{span.kind}" style="{style}">{badge}{html.escape(text[span.start : span.end])}</mark>'
        )
        pos = span.end
    out.append(html.escape(text[pos:]))
    return f'<div style="{TEXT_STYLE}">{"".join(out)}</div>'
