"""Normalise raw articles: clean text, boilerplate removal, byline, dateline, quotes.

The normalise stage turns ``RAW_ARTICLE`` rows into ``ARTICLE`` rows plus the
``ATTRIBUTION`` and ``QUOTE`` rows found in them. Text is first normalised
(:func:`normalise_text`: one paragraph per line, straight quotes, single spaces), then
boilerplate lines are dropped (:mod:`wiretrace.boilerplate`): static patterns such as
"Listen to this article", menu, timestamp and consent-button lines, photo captions and
credits ("... on Monday. (AP Photo/Jane Doe)") and cookie notices, and lines an outlet
repeats across its articles in the batch. A leading byline and
dateline are moved to metadata. :func:`is_consent_wall` tells a text that is nothing but a
cookie or consent notice (ingest rejects those).

Pure: no I/O, no pipeline imports.
"""

from __future__ import annotations

import functools
import html
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import py3langid
import pyarrow as pa

from wiretrace.attribution import find_attributions
from wiretrace.boilerplate import (
    CONSENT_HINTS,
    CONSENT_WALL_MAX_CHARS,
    MIN_CONSENT_WALL_WORDS,
    is_consent_line,
    is_credit_line,
    is_static_boilerplate,
    repeated_outlet_lines,
    split_boilerplate,
    word_count,
)
from wiretrace.ids import content_hash
from wiretrace.schemas import ARTICLE, ATTRIBUTION, QUOTE, RAW_ARTICLE


@dataclass(frozen=True)
class NormalisedBatch:
    """The normalise stage's output for one batch of raw articles."""

    articles: pa.Table  # ARTICLE schema, one row per input row, in input order
    attributions: pa.Table  # ATTRIBUTION schema
    quotes: pa.Table  # QUOTE schema


# --- Text normalisation --------------------------------------------------------------

# Typographic quote marks, dashes and spaces -> their plain ASCII form.
_CHARACTER_MAP = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″〝〞＂", '"'),
        **dict.fromkeys("‘’‚‛‹›′ʼ", "'"),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        **dict.fromkeys("\u00a0\u2007\u202f", " "),
    }
)
# HTML entities for quotes, dashes and spaces left over from extraction ("&quot;",
# "&#8217;", "&nbsp;"). Other entities ("&amp;") are kept: unescaping them could create
# new entities and a second pass would change the text again.
_ENTITY_RE = re.compile(
    r"&(?:quot|apos|ldquo|rdquo|bdquo|lsquo|rsquo|sbquo|laquo|raquo|lsaquo|rsaquo|nbsp"
    r"|ndash|mdash|#0*(?:34|39|160|171|187|8211|8212|8216|8217|8218|8220|8221|8222)"
    r"|#x0*(?:22|27|a0|ab|bb|2013|2014|2018|2019|201a|201c|201d|201e));",
    re.IGNORECASE,
)
# Runs of whitespace inside a line.
_SPACES_RE = re.compile(r"\s+")


@functools.cache
def _invisible_characters() -> re.Pattern[str]:
    """Format characters (zero-width spaces and joiners, soft hyphen, BOM, bidi marks) and
    control characters other than whitespace, as one character class (``sub`` drops them)."""
    codes = [
        code
        for code in range(sys.maxunicode + 1)
        if (category := unicodedata.category(chr(code))) == "Cf" or (category == "Cc" and not chr(code).isspace())
    ]
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return re.compile("[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in runs) + "]")


# Any character of _CHARACTER_MAP: most texts have none, and searching is cheaper than translating.
_MAPPED_RE = re.compile("[" + "".join(re.escape(chr(code)) for code in _CHARACTER_MAP) + "]")


def _plain_forms(text: str) -> str:
    """``text`` with typographic quotes, dashes and spaces in their plain form."""
    return text.translate(_CHARACTER_MAP) if _MAPPED_RE.search(text) else text


def _unescape_entity(match: re.Match[str]) -> str:
    return html.unescape(match[0].lower()).translate(_CHARACTER_MAP)


def normalise_text(text: str) -> str:
    """Canonical form of an article's text, idempotent.

    Invisible characters are removed, the text is NFKC-normalised, typographic quotes
    (including apostrophes inside words) become ``"`` and ``'``, dashes become ``-``,
    whitespace inside a line collapses to one space, and every non-blank line is a
    paragraph: lines are stripped and joined by a single ``"\\n"``.
    """
    text = _invisible_characters().sub("", text)
    text = unicodedata.normalize("NFKC", _plain_forms(text))
    text = _plain_forms(_ENTITY_RE.sub(_unescape_entity, text))
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def is_consent_wall(text: str) -> bool:
    """Whether a text is nothing but a cookie or consent notice (what a page shows before its
    article): it holds a consent line (:func:`is_consent_line`) and, outside boilerplate lines,
    fewer than :data:`MIN_CONSENT_WALL_WORDS` words."""
    if len(text) > CONSENT_WALL_MAX_CHARS:
        return False
    lowered = text.lower()
    if not any(hint in lowered for hint in CONSENT_HINTS):
        return False
    consent = False
    other_words = 0
    for line in normalise_text(text).split("\n"):
        if is_consent_line(line):
            consent = True
        elif line and not is_static_boilerplate(line):
            other_words += word_count(line)
    return consent and other_words < MIN_CONSENT_WALL_WORDS


# --- Byline and dateline -------------------------------------------------------------

#: How many leading lines may hold the byline or dateline (the title often comes first).
LEADING_LINES = 3

# A byline: "By" and names, optionally a credit: "By Jane Doe and John Roe, Reuters",
# "BY JANE DOE | Kyiv Post", "By Reuters Staff". Every word after "By" is capitalised,
# a number or a name particle, so sentences like "By Thursday, Russia had..." fail.
_BYLINE_RE = re.compile(
    r"(?i:by)\s+"
    r"(?:(?:[A-Z0-9][\w.'-]*|and|&|de|del|der|da|van|von|den|la|le|al|bin|ibn|staff|writer"
    r"|reporter|correspondent|for|in)[,;:|]?(?:\s+|$)|[|-]\s+){1,14}"
)
# A staff credit standing alone as a byline: "Reuters staff", "AFP Staff".
_STAFF_BYLINE_RE = re.compile(r"(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*\s+(?i:staff)")
# A dateline opening the first paragraph, and the separator after it:
# "MOSCOW (Reuters) - ", "WASHINGTON, Dec 26 (AP) - ", "KYIV, Ukraine (AP) - ",
# "MOSCOW, December 26. /TASS/. ". The place is in capitals.
_DATELINE_RE = re.compile(
    r"(?P<dateline>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]*){0,3}"  # place: "NEW YORK", "ST. PETERSBURG"
    r"(?:, [A-Z][\w.]*(?: [\w.]+){0,2}?)?"  # region or date: ", Ukraine", ", Dec 26"
    r"(?: \([A-Z][\w&.' -]{0,40}\)(?= ?-)|\.? /[A-Z][\w-]*/))"  # source: "(Reuters)", "/TASS/"
    r"(?: ?-+ ?|\.? ?)"
)


def _is_byline(line: str) -> bool:
    return bool(_BYLINE_RE.fullmatch(line) or _STAFF_BYLINE_RE.fullmatch(line))


def extract_byline(lines: Sequence[str]) -> tuple[str | None, list[str]]:
    """(byline, remaining lines): the first byline among the leading lines, removed."""
    for index, line in enumerate(lines[:LEADING_LINES]):
        if _is_byline(line):
            return line, [*lines[:index], *lines[index + 1 :]]
    return None, list(lines)


def extract_dateline(lines: Sequence[str]) -> tuple[str | None, list[str]]:
    """(dateline, remaining lines): the first dateline opening one of the leading lines,
    cut from its line ("MOSCOW (Reuters) - Russia said" -> "MOSCOW (Reuters)")."""
    for index, line in enumerate(lines[:LEADING_LINES]):
        match = _DATELINE_RE.match(line)
        if match:
            rest = [line[match.end() :]] if match.end() < len(line) else []
            return match["dateline"], [*lines[:index], *rest, *lines[index + 1 :]]
    return None, list(lines)


# --- Quotes and language -------------------------------------------------------------

#: Fewest words in a direct quotation worth keeping.
MIN_QUOTE_WORDS = 4

# A word in a quotation: "don't", "U.S", "2022".
_WORD_RE = re.compile(r"\w+(?:['.-]\w+)*")
# Punctuation and spaces stripped from both ends of a quotation.
_QUOTE_EDGES = " .,;:!?-"


def extract_quotes(text: str) -> list[str]:
    """Direct quotations in normalised text, in order.

    Double quote marks pair up within a paragraph; a mark left open at the end of its
    paragraph (a quotation continued in the next one) is ignored. Quotations shorter than
    :data:`MIN_QUOTE_WORDS` words ("scare quotes") are dropped.
    """
    quotes = []
    for paragraph in text.split("\n"):
        pieces = paragraph.split('"')
        # pieces[1], pieces[3], ... lie between an opening and a closing mark; the last
        # piece after an unpaired opening mark has an odd index and no closing mark.
        closed = len(pieces) - 1 if len(pieces) % 2 == 0 else len(pieces)
        for piece in pieces[1:closed:2]:
            quote = piece.strip(_QUOTE_EDGES)
            if len(_WORD_RE.findall(quote)) >= MIN_QUOTE_WORDS:
                quotes.append(quote)
    return quotes


#: Language code for text whose language cannot be told (no letters).
UNDETERMINED = "und"
# Enough characters to tell the language; classifying more only costs time.
_LANGUAGE_SAMPLE_CHARS = 400


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid), or "und" without letters."""
    sample = text[:_LANGUAGE_SAMPLE_CHARS]
    if not any(char.isalpha() for char in sample):
        return UNDETERMINED
    language, _score = py3langid.classify(sample)
    return str(language)


# A language tag given with the input: "en", "EN", "en-US", "pt_BR".
_LANGUAGE_TAG_RE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*")


def _language(given: str | None, text: str) -> str | None:
    """The given language's primary subtag, lower-cased; else the detected one."""
    match = _LANGUAGE_TAG_RE.fullmatch((given or "").strip())
    if match:
        return match[1].lower()
    detected = detect_language(text)
    return None if detected == UNDETERMINED else detected


# --- The stage -----------------------------------------------------------------------


@dataclass(frozen=True)
class _CleanArticle:
    clean_text: str
    byline: str | None
    dateline: str | None
    credit_lines: list[str]


def _clean(normalised: str, outlet_boilerplate: frozenset[str]) -> _CleanArticle:
    lines, removed = split_boilerplate(normalised.split("\n") if normalised else [])
    lines = [line for line in lines if line not in outlet_boilerplate]
    byline, lines = extract_byline(lines)
    dateline, lines = extract_dateline(lines)
    credit_lines = [line for line in removed if is_credit_line(line)]
    return _CleanArticle("\n".join(lines), byline, dateline, credit_lines)


#: ``map``-like callable: the stage runs its per-article work through it, so a caller may
#: pass ``ProcessPoolExecutor.map`` to use several cores (functions and arguments pickle).
Mapper = Callable[..., Iterable[Any]]


def normalise_articles(raw: pa.Table, mapper: Mapper = map) -> NormalisedBatch:
    """Normalise a ``RAW_ARTICLE`` table into articles, attributions and quotes.

    One article per input row, in order. ``clean_text`` is the normalised text without
    boilerplate, byline and dateline; an article left with no clean text keeps its
    normalised text (or, if that is empty too, its raw text). A text that is only a consent
    notice (:func:`is_consent_wall`) would keep it too: ingest rejects such records first.
    Attributions are searched in the clean text, the byline, the dateline and any removed
    credit line (copyright, published-by). The result does not depend on ``mapper``; only
    the outlet-boilerplate step needs the whole batch.
    """
    rows: list[dict[str, Any]] = raw.select(RAW_ARTICLE.names).to_pylist()
    normalised = list(mapper(normalise_text, [row["text"] for row in rows]))
    boilerplate = repeated_outlet_lines((row["outlet"], text) for row, text in zip(rows, normalised, strict=True))
    outlet_lines = [frozenset(boilerplate.get(row["outlet"], ())) for row in rows]

    articles, attributions, quotes = [], [], []
    for article, cited, quoted in mapper(_finish_article, rows, normalised, outlet_lines):
        articles.append(article)
        attributions.extend(cited)
        quotes.extend(quoted)
    return NormalisedBatch(
        articles=pa.Table.from_pylist(articles, schema=ARTICLE),
        attributions=pa.Table.from_pylist(attributions, schema=ATTRIBUTION),
        quotes=pa.Table.from_pylist(quotes, schema=QUOTE),
    )


def _finish_article(
    row: dict[str, Any], text: str, outlet_boilerplate: frozenset[str]
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """One article's row, attribution rows and quote rows, from its normalised text."""
    clean = _clean(text, outlet_boilerplate)
    clean_text = clean.clean_text or text or row["text"]
    article = {
        **row,
        "lang": _language(row["lang"], clean_text),
        "clean_text": clean_text,
        "byline": clean.byline,
        "dateline": clean.dateline,
        "content_hash": content_hash(clean_text),
    }
    searched = "\n".join([clean_text, *clean.credit_lines])
    cited = [
        {"article_id": row["article_id"], "source": a.source, "kind": a.kind, "phrase": a.phrase}
        for a in find_attributions(searched, clean.byline, clean.dateline)
    ]
    quoted = [
        {"article_id": row["article_id"], "quote_index": index, "quote": quote}
        for index, quote in enumerate(extract_quotes(clean_text))
    ]
    return article, cited, quoted
