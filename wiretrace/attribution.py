"""Find the wires and outlets an article cites ("Reuters reports", "told Fox News").

A citation is a source name in a citing context: a dateline "(Reuters) -", a verb after
the name ("AP reported"), a phrase before it ("according to AFP", "told CNN"), a report
noun ("the Reuters report details"), a credit ("Reuters contributed to this report") or a
byline ("By Jane Doe, Reuters"). A bare mention of a name is not a citation.

Names are matched case-sensitively ("AP", "dpa", "TASS"); the words around them are not.
A source is either a wire from :data:`WIRES` or an outlet: a name from a small registry of
well-known outlets, or any capitalised name ending in a word such as News, Times or Post.
Lowercase words never form a source, so "told reporters" is not a citation.

Pure: no I/O, no pipeline imports.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

#: Canonical wire name -> full name of the service.
WIRES: Mapping[str, str] = MappingProxyType(
    {
        "Reuters": "Reuters",
        "AP": "Associated Press",
        "AFP": "Agence France-Presse",
        "TASS": "TASS Russian News Agency",
        "Xinhua": "Xinhua News Agency",
        "dpa": "Deutsche Presse-Agentur",
        "Bloomberg": "Bloomberg News",
        "UPI": "United Press International",
        "ANSA": "Agenzia Nazionale Stampa Associata",
        "EFE": "Agencia EFE",
        "Kyodo": "Kyodo News",
        "Yonhap": "Yonhap News Agency",
        "RIA Novosti": "RIA Novosti",
        "Interfax": "Interfax",
        "PA Media": "PA Media (Press Association)",
        "ANI": "Asian News International",
        "PTI": "Press Trust of India",
        "Anadolu": "Anadolu Agency",
    }
)

#: Alias as written in text -> canonical wire name. Bare "PA" is left out: in news text
#: it is as often the Palestinian Authority or Pennsylvania.
WIRE_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        **{name: name for name in WIRES},
        "Associated Press": "AP",
        "The Associated Press": "AP",
        "Agence France-Presse": "AFP",
        "Agence France Presse": "AFP",
        "Tass": "TASS",
        "ITAR-TASS": "TASS",
        "Xinhua News Agency": "Xinhua",
        "DPA": "dpa",
        "Deutsche Presse-Agentur": "dpa",
        "Bloomberg News": "Bloomberg",
        "United Press International": "UPI",
        "Agencia EFE": "EFE",
        "Kyodo News": "Kyodo",
        "Yonhap News Agency": "Yonhap",
        "RIA": "RIA Novosti",
        "Press Association": "PA Media",
        "The Press Association": "PA Media",
        "Asian News International": "ANI",
        "Press Trust of India": "PTI",
        "Anadolu Agency": "Anadolu",
    }
)

#: Alias as written in text -> canonical outlet name, for well-known outlets.
OUTLET_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "Fox News": "Fox News",
        "CNN": "CNN",
        "BBC": "BBC",
        "The New York Times": "The New York Times",
        "New York Times": "The New York Times",
        "The Washington Post": "The Washington Post",
        "Washington Post": "The Washington Post",
        "The Wall Street Journal": "The Wall Street Journal",
        "Wall Street Journal": "The Wall Street Journal",
        "The Guardian": "The Guardian",
        "Guardian": "The Guardian",
        "Financial Times": "Financial Times",
        "The Financial Times": "Financial Times",
        "Al Jazeera": "Al Jazeera",
        "Politico": "Politico",
        "Axios": "Axios",
        "NBC News": "NBC News",
        "NBC": "NBC News",
        "CBS News": "CBS News",
        "CBS": "CBS News",
        "ABC News": "ABC News",
        "ABC": "ABC News",
        "Sky News": "Sky News",
        "Le Monde": "Le Monde",
        "Der Spiegel": "Der Spiegel",
        "Spiegel": "Der Spiegel",
        "RT": "RT",
        "Interfax-Ukraine": "Interfax-Ukraine",
        "Kyiv Independent": "Kyiv Independent",
        "The Kyiv Independent": "Kyiv Independent",
        "The Times": "The Times",
        "The Telegraph": "The Telegraph",
        "NPR": "NPR",
    }
)

#: Last words that make any capitalised name an outlet ("Kyiv Post", "Example Daily").
OUTLET_SUFFIXES = (
    "News",
    "Times",
    "Post",
    "Journal",
    "Herald",
    "Tribune",
    "Telegraph",
    "Gazette",
    "Daily",
    "Agency",
    "Press",
    "Radio",
    "TV",
)


@dataclass(frozen=True)
class Attribution:
    """One citation: ``source`` is a canonical name, ``kind`` "wire" or "outlet", and
    ``phrase`` the citing words as they appear in the text."""

    source: str
    kind: str
    phrase: str


def resolve_source(name: str) -> tuple[str, str] | None:
    """Canonical name and kind ("wire" or "outlet") of a source name, or None.

    Registry aliases resolve to their canonical name (a leading "the" is optional).
    Other capitalised names ending in an outlet word are outlets under their own name,
    without a leading "The"; if such a name ends in a registry alias ("Canadian Fox
    News"), the alias wins.
    """
    name = " ".join(name.split())
    bare = name.removeprefix("the ").removeprefix("The ")
    for candidate in (name, bare):
        if candidate in WIRE_ALIASES:
            return WIRE_ALIASES[candidate], "wire"
        if candidate in OUTLET_ALIASES:
            return OUTLET_ALIASES[candidate], "outlet"
    if not _GENERIC_OUTLET_RE.fullmatch(bare):
        return None
    words = bare.split()
    for start in range(1, len(words)):
        tail = " ".join(words[start:])
        if tail in WIRE_ALIASES or tail in OUTLET_ALIASES:
            return resolve_source(tail)
    return bare, "outlet"


# --- Regular expressions -------------------------------------------------------------

_REGISTRY_NAMES = sorted({*WIRE_ALIASES, *OUTLET_ALIASES}, key=len, reverse=True)

# Horizontal whitespace: names and citing phrases never run across paragraphs.
_S = r"[^\S\n]+"
# Capitalised words that start sentences or dates; they never begin an outlet's name,
# so "Yesterday Kyiv Post said" yields "Kyiv Post".
_NOT_A_NAME_WORD = (
    r"(?!(?:The|A|An|On|In|At|But|And|As|So|Then|Meanwhile|Earlier|Later|Yesterday|Today"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
# One capitalised word of a name: "Kyiv", "U.S.", "Al-Arabiya", "AT&T".
_NAME_WORD = rf"{_NOT_A_NAME_WORD}[A-Z][\w&'.]*(?:-[A-Z]\w*)?"
# Any name of one to four capitalised words ending in an outlet word: "Kyiv Post".
_GENERIC_OUTLET = rf"(?:The{_S})?(?:{_NAME_WORD}{_S}){{1,4}}(?:{'|'.join(OUTLET_SUFFIXES)})"
_GENERIC_OUTLET_RE = re.compile(_GENERIC_OUTLET)

# A source name in running text: a registry alias (longest first) or a generic outlet
# name, not inside a longer word or hyphenated name ("Interfax" in "Interfax-Ukraine").
# Every source name starts with one of these characters: a capital (generic outlet names
# and most of the registry) or the first letter of a registry name like "dpa". The lookahead
# checks it before the long alternation is tried, which makes scanning text several times faster.
_NAME_START = "".join(sorted({name[0] for name in _REGISTRY_NAMES} | set(string.ascii_uppercase)))
_SOURCE = (
    rf"(?<![\w-])(?=[{re.escape(_NAME_START)}])(?P<source>"
    + "|".join(re.escape(name).replace(r"\ ", _S) for name in _REGISTRY_NAMES)
    + rf"|{_GENERIC_OUTLET})(?!\w)(?!-\w)"
)
# An article before a name or report noun: "the", "a", "an".
_ARTICLE = rf"(?i:(?:the|a|an){_S})"
# Nouns for a piece of journalism: "the Reuters report", "a CNN interview".
_REPORT_NOUN = r"(?i:report|reports|reporting|story|article|investigation|interview|analysis|dispatch)"
# Verbs that make the name before them a citation: "Reuters reports", "TASS quoted".
_REPORTING_VERB = (
    rf"(?i:reports|reported|reporting|has{_S}reported|said|says|wrote|writes|quoted|quotes"
    rf"|cited|cites|has{_S}learned|learned|contributed{_S}to{_S}this{_S}report"
    rf"|contributed{_S}reporting)\b"
)
# Verbs that may follow "the X report": "the Reuters report details".
_REPORT_VERB = (
    r"(?i:details|detailed|said|says|stated|states|showed|shows|noted|notes|added|adds"
    r"|found|finds|claimed|claims|cited|quoted)\b"
)
# Words that make the name after them a citation: "told Fox News", "citing Reuters".
_CITING_WORDS = (
    rf"(?i:told|telling|tells|speaking{_S}to|spoke{_S}to|said{_S}to|talking{_S}to"
    rf"|interview{_S}with|in{_S}comments{_S}to|in{_S}a{_S}statement{_S}to|citing|cited{_S}by"
    rf"|quoted{_S}by|reported{_S}by|published{_S}by|broadcast{_S}by|aired{_S}on|appearing{_S}on"
    rf"|appeared{_S}on|said{_S}on|speaking{_S}on|wrote{_S}in|writing{_S}in)"
)
# Nouns for an appearance on an outlet: "during a Fox News appearance".
_VENUE_NOUN = r"(?i:appearance|interview|broadcast|programme|program|show|podcast|op-ed|column)\b"

# Citing words, then name: "told Fox News", "citing Reuters", "quoted by TASS".
_CITING_PATTERN = re.compile(rf"{_CITING_WORDS}{_S}{_ARTICLE}?{_SOURCE}(?:'s{_S}{_REPORT_NOUN}\b)?")

#: Each pattern catches one citing context; the group "source" is the name. Beside it, what
#: every match contains, or None: a text without it is not scanned with the pattern (scanning
#: text for source names is most of the cost of normalisation).
_PATTERNS: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (pattern if isinstance(pattern, re.Pattern) else re.compile(pattern), None if needs is None else re.compile(needs))
    for pattern, needs in (
        # wire dateline inside the text: "(Reuters) -", "MOSCOW, Dec 26. /TASS/."
        (rf"\({_SOURCE}\)[^\S\n]*-+", None),
        (rf"/{_SOURCE}/\.?", None),
        # name, then reporting verb: "Reuters reports", "AP said"
        (rf"{_SOURCE}{_S}{_REPORTING_VERB}", None),
        # report noun, optional verb: "the Reuters report details", "a CNN interview"
        (rf"{_ARTICLE}{_SOURCE}(?:'s)?{_S}{_REPORT_NOUN}\b(?:{_S}{_REPORT_VERB})?", rf"{_S}{_REPORT_NOUN}\b"),
        # an appearance as the venue: "during a Fox News appearance", "in a BBC interview"
        (
            rf"(?i:during|in|on){_S}{_ARTICLE}?(?i:recent{_S})?{_SOURCE}(?:'s)?{_S}{_VENUE_NOUN}",
            rf"{_S}{_VENUE_NOUN}",
        ),
        # "according to AP", "according to a Reuters report"
        (rf"(?i:according{_S}to){_S}{_ARTICLE}?{_SOURCE}(?:'s)?(?:{_S}{_REPORT_NOUN}\b)?", rf"(?i:according{_S}to)"),
        (_CITING_PATTERN, None),
        # news agency: "TASS news agency", "the state news agency RIA Novosti"
        (rf"{_SOURCE}(?:'s)?{_S}(?i:(?:state{_S})?news{_S}agency)\b", rf"(?i:news{_S}agency)"),
        (rf"(?i:news{_S}agency){_S}{_SOURCE}", rf"(?i:news{_S}agency)"),
        # copyright credit: "© 2024 The Associated Press", "Copyright 2024 Reuters"
        (rf"(?:©|(?i:copyright))[^\S\n]*(?:©[^\S\n]*)?(?:\d{{4}}{_S})?{_SOURCE}", r"©|(?i:copyright)"),
    )
)

# A staff credit after a name in a byline: "Reuters staff", "AFP Staff Writer".
_STAFF_SUFFIX_RE = re.compile(r"\s+(?i:staff(?:\s+(?:writer|reporter))?)$")
# Separators between the segments of a byline: "By Jane Doe and John Roe, Reuters".
_BYLINE_SEPARATOR_RE = re.compile(r"\s*(?:,|\||;|\s-\s|\bfor\b)\s*")
# Leading "By " of a byline.
_BYLINE_BY_RE = re.compile(r"^\s*(?i:by)\s+")
# The source inside a dateline: "MOSCOW (Reuters)", "MOSCOW, December 26. /TASS/".
_DATELINE_SOURCE_RE = re.compile(rf"[(/]{_SOURCE}[)/]")


# --- Matching ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Match:
    source_start: int
    source_end: int
    attribution: Attribution


# Where a citing-words pattern can start, found in lower-cased text: a plain alternation is
# about ten times faster for ``re`` than the case-insensitive one it stands for.
_CITING_START = re.compile(_CITING_WORDS.removeprefix("(?i:").removesuffix(")").replace(_S, r"\s+"))


def _citing_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for the pattern that starts with ``_CITING_WORDS``: tried
    only where lower-cased text holds a citing word (same positions while lower-casing
    keeps the length, as it does unless the text has rare letters like "İ")."""
    lowered = text.lower()
    if len(lowered) != len(text):
        yield from pattern.finditer(text)
        return
    end = 0
    for start in _CITING_START.finditer(lowered):
        if start.start() < end:
            continue
        match = pattern.match(text, start.start())
        if match:
            end = match.end()
            yield match


def _text_matches(text: str) -> Iterator[_Match]:
    for pattern, needs in _PATTERNS:
        if needs is not None and not needs.search(text):
            continue
        found = _citing_matches(pattern, text) if pattern is _CITING_PATTERN else pattern.finditer(text)
        for match in found:
            resolved = resolve_source(match["source"])
            if resolved is None:
                continue
            phrase = " ".join(match[0].split())
            yield _Match(match.start("source"), match.end("source"), Attribution(*resolved, phrase))


def _best_per_name(matches: Iterator[_Match]) -> list[_Match]:
    """One match per occurrence of a name (matches whose names end at the same place):
    the longest phrase, then the first found."""
    best: dict[int, _Match] = {}
    for match in matches:
        key = match.source_end
        if key not in best or len(match.attribution.phrase) > len(best[key].attribution.phrase):
            best[key] = match
    return sorted(best.values(), key=lambda match: match.source_start)


def _byline_attributions(byline: str) -> list[Attribution]:
    phrase = " ".join(byline.split())
    found: list[Attribution] = []
    segments = _BYLINE_SEPARATOR_RE.split(_BYLINE_BY_RE.sub("", phrase))
    for position, segment in enumerate(segments):
        name = _STAFF_SUFFIX_RE.sub("", segment.strip(" ."))
        # The first segment is usually people's names: only registry names count there,
        # so a reporter called "Tom Press" is not read as an outlet.
        if position == 0 and name not in WIRE_ALIASES and name not in OUTLET_ALIASES:
            continue
        resolved = resolve_source(name)
        if resolved:
            found.append(Attribution(*resolved, phrase))
    return found


def _dateline_attributions(dateline: str) -> list[Attribution]:
    phrase = " ".join(dateline.split())
    found = []
    for match in _DATELINE_SOURCE_RE.finditer(phrase):
        resolved = resolve_source(match["source"])
        if resolved:
            found.append(Attribution(*resolved, phrase))
    return found


def find_attributions(text: str, byline: str | None = None, dateline: str | None = None) -> list[Attribution]:
    """Citations of wires and outlets in an article, in order of appearance.

    ``byline`` and ``dateline`` are the article's extracted metadata (they come first);
    their phrase is the whole byline or dateline. Identical (source, phrase) pairs are
    reported once.
    """
    found: list[Attribution] = []
    if byline:
        found.extend(_byline_attributions(byline))
    if dateline:
        found.extend(_dateline_attributions(dateline))
    found.extend(match.attribution for match in _best_per_name(_text_matches(text)))
    seen: set[tuple[str, str]] = set()
    unique = []
    for attribution in found:
        key = (attribution.source, attribution.phrase)
        if key not in seen:
            seen.add(key)
            unique.append(attribution)
    return unique
