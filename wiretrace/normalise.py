"""Normalise raw articles: clean text, boilerplate removal, byline, dateline, quotes.

The normalise stage turns ``RAW_ARTICLE`` rows into ``ARTICLE`` rows plus the
``ATTRIBUTION`` and ``QUOTE`` rows found in them. Text is first normalised
(:func:`normalise_text`: one paragraph per line, straight quotes, single spaces), then
boilerplate lines are dropped: static patterns such as "Listen to this article"
(:func:`split_boilerplate`) and lines an outlet repeats across its articles in the batch
(:func:`repeated_outlet_lines`). A leading byline and dateline are moved to metadata.

Pure: no I/O, no pipeline imports.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import py3langid
import pyarrow as pa

from wiretrace.attribution import find_attributions
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


# --- Boilerplate ---------------------------------------------------------------------

#: Longest line (in words) that a static boilerplate pattern may remove.
MAX_BOILERPLATE_WORDS = 15
#: Fewest words in a line that counts as an outlet's repeated boilerplate.
MIN_REPEATED_LINE_WORDS = 3
#: Fewest articles of an outlet a line must appear in to be that outlet's boilerplate.
MIN_REPEATED_ARTICLES = 3
#: Smallest share of an outlet's articles a line must appear in to be its boilerplate.
MIN_REPEATED_SHARE = 0.5

# Whole-line boilerplate, case-insensitive; each alternative is one kind of line:
_STATIC_BOILERPLATE_RE = re.compile(
    r"(?:"
    # audio player prompts: "Listen To Story Above", "Listen to this article 4 min"
    r"listen to (?:this |the )?(?:story|article)(?: above| below)?\b.*"
    # sharing prompts: "Share this article", "Share this story on Facebook"
    r"|share (?:this|the) (?:article|story)\b.*"
    # newsletter prompts: "Subscribe to our newsletter", "Sign up for ..."
    r"|subscribe to (?:our|the)\b.*|sign up\b.*"
    # social prompts: "Follow us on X"
    r"|follow us on\b.*"
    # calls to action: "Click here to read more"
    r"|click here to\b.*"
    # ad markers: "Advertisement", "ADVERTISEMENT - scroll to continue"
    r"|advertisement(?: ?[-:|] ?.*)?"
    # further-reading links: "Read more: ...", "Related: ..."
    r"|read more(?: ?[:-] ?.*)?|related ?:.*"
    # copyright lines: "© 2024 Reuters", "Copyright 2024 ...", "... All rights reserved."
    r"|(?:©|copyright\b).*|.*\ball rights reserved"
    # page furniture: "Skip to main content", "Text size A A A", "Comments are closed"
    r"|skip to (?:main )?content|text size\b.*|comments are (?:closed|disabled|turned off)\b.*"
    # social and tip prompts: "Follow The Times on social media for ...", "Have a news tip? ..."
    r"|follow\b.{1,60}\bon (?:social media|twitter|x|facebook|instagram|linkedin|threads|bluesky)\b.*"
    r"|have a (?:news )?tip\b.*"
    # section banners and more-links: "The Times | Latest News", "Read more stories at ..."
    r"|[^|]{1,60}\| ?(?:latest|breaking|top) news|read more (?:stories|news|articles) (?:at|on)\b.*"
    r")[\s.!:]*",
    re.IGNORECASE,
)
# Copyright lines, whose credit ("© 2024 The Associated Press") is still an attribution.
_COPYRIGHT_RE = re.compile(r"^(?:©|copyright\b)", re.IGNORECASE)


def _word_count(line: str) -> int:
    return len(line.split())


def is_static_boilerplate(line: str) -> bool:
    """Whether a normalised line is generic web-page boilerplate ("Advertisement")."""
    return _word_count(line) <= MAX_BOILERPLATE_WORDS and bool(_STATIC_BOILERPLATE_RE.fullmatch(line))


def split_boilerplate(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split normalised lines into (kept, removed) by the static boilerplate patterns."""
    kept: list[str] = []
    removed: list[str] = []
    for line in lines:
        (removed if is_static_boilerplate(line) else kept).append(line)
    return kept, removed


def repeated_outlet_lines(articles: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Each outlet's own boilerplate: lines its articles repeat.

    ``articles`` holds (outlet, normalised text) pairs. A line of at least
    :data:`MIN_REPEATED_LINE_WORDS` words is an outlet's boilerplate when it occurs in at
    least :data:`MIN_REPEATED_ARTICLES` of the outlet's distinct articles and in at least
    :data:`MIN_REPEATED_SHARE` of them. Identical texts count once, so a duplicated
    article does not turn its own lines into boilerplate.
    """
    texts_by_outlet: dict[str, set[str]] = defaultdict(set)
    for outlet, text in articles:
        texts_by_outlet[outlet].add(text)
    repeated: dict[str, set[str]] = {}
    for outlet, texts in texts_by_outlet.items():
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update({line for line in text.split("\n") if _word_count(line) >= MIN_REPEATED_LINE_WORDS})
        lines = {
            line
            for line, count in counts.items()
            if count >= MIN_REPEATED_ARTICLES and count >= MIN_REPEATED_SHARE * len(texts)
        }
        if lines:
            repeated[outlet] = lines
    return repeated


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
    copyright_lines: list[str]


def _clean(normalised: str, outlet_boilerplate: frozenset[str]) -> _CleanArticle:
    lines, removed = split_boilerplate(normalised.split("\n") if normalised else [])
    lines = [line for line in lines if line not in outlet_boilerplate]
    byline, lines = extract_byline(lines)
    dateline, lines = extract_dateline(lines)
    copyright_lines = [line for line in removed if _COPYRIGHT_RE.match(line)]
    return _CleanArticle("\n".join(lines), byline, dateline, copyright_lines)


#: ``map``-like callable: the stage runs its per-article work through it, so a caller may
#: pass ``ProcessPoolExecutor.map`` to use several cores (functions and arguments pickle).
Mapper = Callable[..., Iterable[Any]]


def normalise_articles(raw: pa.Table, mapper: Mapper = map) -> NormalisedBatch:
    """Normalise a ``RAW_ARTICLE`` table into articles, attributions and quotes.

    One article per input row, in order. ``clean_text`` is the normalised text without
    boilerplate, byline and dateline; an article left with no clean text keeps its
    normalised text (or, if that is empty too, its raw text). Attributions are searched
    in the clean text, the byline, the dateline and any copyright line. The result does not
    depend on ``mapper``; only the outlet-boilerplate step needs the whole batch.
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
        "content_hash": hashlib.sha1(clean_text.encode("utf-8")).hexdigest(),
    }
    searched = "\n".join([clean_text, *clean.copyright_lines])
    cited = [
        {"article_id": row["article_id"], "source": a.source, "kind": a.kind, "phrase": a.phrase}
        for a in find_attributions(searched, clean.byline, clean.dateline)
    ]
    quoted = [
        {"article_id": row["article_id"], "quote_index": index, "quote": quote}
        for index, quote in enumerate(extract_quotes(clean_text))
    ]
    return article, cited, quoted
