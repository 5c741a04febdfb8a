"""Find the wires and outlets an article cites ("Reuters reports", "told Fox News").

A citation is a source name in a citing context: a dateline "(Reuters) -", a verb after
the name ("AP reported"), a phrase before it ("according to AFP", "told CNN"), a report
noun ("the Reuters report details"), a credit ("Reuters contributed to this report") or a
byline ("By Jane Doe, Reuters"). A bare mention of a name is not a citation.

Wires (not outlets) are also found as pages in other languages cite them: "en declaraciones
a EFE", "disse à Lusa", "secondo quanto apprende l'ANSA", "sagte der Deutschen
Presse-Agentur", "a indiqué à l'AFP", "persbureau ANSA", "сообщает ТАСС", "新华社北京6月26日电",
and in credits: dpa's story marker "dpa:240603-99-263348", "(dpa)" alone on a line, "By AP"
on its own line, "Reuters :" opening one, "(With inputs from IANS)".

Photo credits and captions are not citations of the text's source: a name beside a slash
("REUTERS/Jane Doe", "Sven Hoppe/dpa", "(Thomas Santos/AP)"; but "MOSCOW, Dec 26. /TASS/."
is a dateline), before "Photo" ("AP Photo", "Credit: Reuters Photo") or after a label
("Foto: dpa", "Photo: AP news") never counts, nor does a name on a teaser line ("Related:
...", "Read more: ..."). A name in parentheses counts only as a dateline ("(AP) —"), alone
on its line or closing the text, not after a caption ("... the rubble. (AFP)").

Names are matched case-sensitively ("AP", "dpa", "TASS"); the words around them are not.
Some spellings count only where nothing else can be meant: "Efe" and "Ansa" (also given
names) only in non-English contexts, and acronyms such as ANP, APA or PAP (also Brazil's oil
regulator, a psychologists' association and a party) only beside an agency word
("persbureau ANP", "the APA news agency"). Bare "PA" never counts.
A source is either a wire from :data:`wiretrace.wires.WIRES` or an outlet: a name from a small registry of
well-known outlets, or any capitalised name ending in a word such as News, Times or Post.
Lowercase words never form a source, so "told reporters" is not a citation.

Pure: no I/O, no pipeline imports.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass

from wiretrace.trie_regex import trie_alternation
from wiretrace.wires import GENERIC_OUTLET, HORIZONTAL_SPACE, OUTLET_ALIASES, WIRE_ALIASES, resolve_source

_S = HORIZONTAL_SPACE


@dataclass(frozen=True)
class Attribution:
    """One citation: ``source`` is a canonical name, ``kind`` "wire" or "outlet", and
    ``phrase`` the citing words as they appear in the text."""

    source: str
    kind: str
    phrase: str


# --- Regular expressions -------------------------------------------------------------

#: Wire names that count only beside a word naming an agency ("persbureau ANP", "the APA
#: news agency"): elsewhere they mostly name something else (Brazil's oil regulator ANP, the
#: American Psychological Association, Singapore's People's Action Party, India's Aam Aadmi
#: Party, Switzerland's "SDA" and "ATS" outside the agency).
_AGENCY_CONTEXT_ONLY = frozenset({"ANP", "APA", "PAP", "AAP", "SDA", "ATS"})
#: Spellings used in Spanish and Italian text ("explicó a Efe", "l'Ansa") that are also given
#: names in English text ("Efe said"): they count only in non-English citing contexts.
_NON_ENGLISH_ONLY = frozenset({"Efe", "Ansa"})
# Chinese and Japanese names: no spaces mark where their words end, so they are found by
# their own patterns ("新华社北京6月26日电"), not by the word-bounded name patterns.
_CJK_NAMES = frozenset(name for name in WIRE_ALIASES if "\u3040" <= name[0] <= "\u9fff")
# Registry names for the English patterns below.
_REGISTRY_NAMES = sorted(
    {*WIRE_ALIASES, *OUTLET_ALIASES} - _AGENCY_CONTEXT_ONLY - _NON_ENGLISH_ONLY - _CJK_NAMES, key=len, reverse=True
)


# A source name in running text: a registry alias (longest first) or a generic outlet
# name, not inside a longer word or hyphenated name ("Interfax" in "Interfax-Ukraine").
# Every source name starts with one of these characters: a capital (generic outlet names
# and most of the registry) or the first letter of a registry name like "dpa". The lookahead
# checks it before the long alternation is tried, which makes scanning text several times faster.
_NAME_START = "".join(sorted({name[0] for name in _REGISTRY_NAMES} | set(string.ascii_uppercase)))
_SOURCE = (
    rf"(?<![\w-])(?=[{re.escape(_NAME_START)}])(?P<source>"
    + trie_alternation(_REGISTRY_NAMES, space=_S)
    + rf"|{GENERIC_OUTLET})(?!\w)(?!-\w)"
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

# A Chinese or Japanese wire name: "新华社".
_CJK = trie_alternation(_CJK_NAMES, space=_S)
# What a text citing one holds: the first character of a Chinese wire name (a character
# class is searched much faster than the names).
_CJK_NEEDS = f"[{''.join(sorted({name[0] for name in _CJK_NAMES}))}]"

# Citing words, then name: "told Fox News", "citing Reuters", "quoted by TASS".
_CITING_PATTERN = re.compile(rf"{_CITING_WORDS}{_S}{_ARTICLE}?{_SOURCE}(?:'s{_S}{_REPORT_NOUN}\b)?")

#: Each pattern catches one citing context; the group "source" is the name. Beside it, what
#: every match contains, or None: a text without it is not scanned with the pattern (scanning
#: text for source names is most of the cost of normalisation).
_PATTERNS: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (pattern if isinstance(pattern, re.Pattern) else re.compile(pattern), None if needs is None else re.compile(needs))
    for pattern, needs in (
        # wire dateline inside the text: "(Reuters) -", "(AP) —", "(EFE).-", "MOSCOW, Dec 26.
        # /TASS/." (the slashes stand apart: "Jane Doe/Agência Brasil/dpa" is a photo credit)
        (rf"\({_SOURCE}\)(?:[^\S\n]*\.)?[^\S\n]*[-–—]+", None),
        (rf"/(?<![^\s(\[]/){_SOURCE}/(?!\w)\.?", None),
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
        # "Copyright © 2023 by The Associated Press", "© dpa-infocom"
        (
            rf"(?:©|(?i:copyright))[^\S\n]*(?:©[^\S\n]*)?(?:\d{{4}}{_S})?(?:(?i:by){_S})?{_SOURCE}",
            r"©|(?i:copyright)",
        ),
        # dpa's story marker: "dpa:240603-99-263348/2"
        (r"(?<![\w-])(?P<source>dpa):\d{6}-\d{2}-\d+(?:/\d+)?", r"dpa:\d"),
        # Chinese: "据新华社报道", "来源:新华网", a dateline "新华社北京6月26日电", a credit
        # "新华社记者", "新华社音视频部制作"
        (rf"(?:据|来源[:：][^\S\n]*)(?P<source>{_CJK})", _CJK_NEEDS),
        (
            rf"(?P<source>{_CJK})(?:[^\n，。,.;；:：]{{0,12}}?\d{{1,2}}日电|报道|消息|记者|援引|发布"
            rf"|[^\n，。,.;；]{{0,8}}?制作)",
            _CJK_NEEDS,
        ),
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


# --- Wire names in context -----------------------------------------------------------
#
# Citations on non-English pages, and a few English shapes, are found from the name's side:
# every wire name in the text (one fast scan), then the words just before and after it.
# The words before a name are matched in lower case, in a window of the line before it.

# A wire name as written, any spelling but the Chinese ones.
_WIRE_NAMES = sorted(set(WIRE_ALIASES) - _CJK_NAMES, key=len, reverse=True)
_WIRE_NAME_RE = re.compile(trie_alternation(_WIRE_NAMES, space=_S, word_start=True) + r"(?!\w)(?!-\w)")
# How far before a name its citing words may start.
_CONTEXT_WINDOW = 90
# A word of a gap inside one clause: "disse [a sismóloga Tine Larsen] à".
_GAP_WORD = rf"{_S}[^\s,.;:!?()\"«»]+"
# An article or elision before a name: "la", "a", "o", "l'", "der", "het".
_ART = rf"(?:(?:la|el|a|o|le|les|der|die|dem|het|de|the){_S}|l['’])?"
# A word naming an agency: "agência", "persbureau", "nachrichtenagentur", "وكالة" (Arabic,
# maybe with a prefix)...
_AGENCY_NOUN = (
    r"(?<!\w)(?:[وبلف]{1,2})?(?:agencia|agència|agência|agenzia|agence|agentur|nachrichtenagentur"
    rf"|presseagentur|persbureau|nieuwsagentschap|news{_S}agency|press{_S}agency|wire{_S}service"
    r"|агентств\w*|агенці\w*|وكالة)"
)
# ... with up to two words after it: "agência noticiosa", "agencia de noticias", "agencia
# estatal china" ...
_AGENCY = rf"{_AGENCY_NOUN}(?:{_S}[\w-]+){{0,2}}?{_S}"
# ... or only words saying it is a news agency: "agencia de noticias", "agenzia di stampa".
_NEWS_AGENCY = (
    rf"{_AGENCY_NOUN}(?:{_S}(?:de{_S}|di{_S})?(?:noticias|notícias|noticiosa|informativa|informação"
    rf"|stampa|presse|prensa|imprensa|nieuws|новостей|новин))?{_S}"
)
# Verbs and nouns before "a/à (la)": Spanish, Catalan and Portuguese "told", "said to", "in
# statements to": "explicó a Efe", "ha confirmado a EFE", "en declaraciones a", "disse à". The
# stems take Iberian endings only, so English "confirmed a Reuters ..." is not one of them.
_IBERIAN_TOLD = (
    rf"(?<!\w)(?:(?:ha|han|he|va|van|en|em|tem|têm){_S})?"
    r"(?:dij(?:o|eron)|dicen?|dit|dir|disse(?:ram)?|diz(?:em)?|afegi[tr]|añadi(?:ó|eron)|advirti(?:ó|eron)"
    r"|reconoci(?:ó|eron)|reconhece(?:u|ram)|entrevistas?|fuentes|fonts|fontes"
    r"|(?:explic|confirm|declar|asegur|assegur|afirm|señal|assenyal|indic|relat|detall|precis|manifest|coment"
    r"|apunt|subray|sublinh|inform|cont|revel|adiant|avanç|garant|acrescent)"
    r"(?:ó|ou|a|an|am|ado|ada|aron|aram|at|ava|aba|aciones|ações|acions|ando|ant)\b)"
)
# "According to" in other languages: "según", "segundo", "secondo", "selon", "laut", "volgens".
_ACCORDING_TO = (
    rf"(?<!\w)(?:según|segun|segons|segundo|secondo|selon|laut|volgens|de{_S}acordo{_S}com|d['’]après"
    rf"|conforme|citando|citant|بحسب|حسب|وفقا{_S}ل)"
)
# A reporting verb whose subject is the name after it: "informó la Agencia Brasil", "riferisce
# l'ANSA", "secondo quanto apprende l'ANSA", "berichtet dpa", "meldt ANP", "сообщает ТАСС".
_REPORTED_BY = (
    rf"(?<!\w)(?:(?:secondo{_S}quanto|según{_S}lo{_S}que|segundo{_S}o{_S}que|conforme|come|como){_S})?"
    rf"(?:informó|informa|informan|informou|informaram|ha{_S}informado|reportó|reporta|publicó|publica"
    r"|publicou|noticia|noticiou|avançou|avança|adiantou|adianta|escreve|escribe|difundió|recoge|recogió"
    r"|riferisce|riferiscono|riporta|riportano|apprende|scrive|rivela|berichtet|berichtete|berichten"
    r"|meldet|meldete|schreibt|meldt|meldde|schrijft|berichtte|aldus|rapporte|indique|écrit|révèle"
    r"|annonce|сообща\w*|переда[её]т|передают|пишет|пишут|повідомля\w*|передає|пише)"
)
# Russian and Ukrainian "told", "according to", "citing", "a source of" before the name (in
# the dative or genitive, which for "ТАСС" and "РИА Новости" is the same word).
_SLAVIC_TOLD = (
    rf"(?<!\w)(?:сообщил\w*|рассказал\w*|заявил\w*|сказал\w*|подтвердил\w*|пояснил\w*|отметил\w*"
    rf"|уточнил\w*|добавил\w*|признал\w*|по{_S}данным|по{_S}информации|со{_S}ссылкой{_S}на|источник\w*"
    rf"|в{_S}беседе{_S}с|в{_S}интервью|повідомив\w*|розповів\w*|заявив\w*|за{_S}даними"
    rf"|з{_S}посиланням{_S}на|джерело)"
)
# German "told", the name in the dative after it: "sagte ein Sprecher der dpa".
_GERMAN_TOLD = (
    r"(?<!\w)(?:sagte|sagten|sagt|bestätigte|bestätigten|bestätigt|erklärte|erklärten|erklärt|teilte"
    r"|teilten|berichtete|berichteten|betonte|ergänzte|schilderte|verriet)"
)
# The same verbs after the name: "wie ein Sprecher der dpa sagte".
_GERMAN_TOLD_AFTER = (
    r"(?i:sagte|sagten|mitteilte|mitteilten|bestätigte|bestätigten|erklärte|erklärten|berichtete|schilderte)\b"
)
# The end of a byline's line, maybe after a staff credit: "By AP", "By Reuters Staff".
_LINE_END = rf"(?:{_S}(?i:staff(?:{_S}(?:writer|reporter))?))?[^\S\n]*(?=\n|\Z)"


@dataclass(frozen=True)
class _Context:
    """Words around a wire name that make it a citation.

    ``before`` must end where the name starts: found in lower case within
    :data:`_CONTEXT_WINDOW` characters of the line before the name or, if ``whole_line``
    (the most characters a line may hold before the name), matched against the whole line
    up to it (as written). ``after`` must match where the name ends. ``opens`` is the
    character right before the name, if the context ends with one. Names in
    :data:`_AGENCY_CONTEXT_ONLY` count only in ``agency`` contexts, names in
    :data:`_NON_ENGLISH_ONLY` never in ``english`` ones.
    """

    before: str | None
    after: str | None = None
    whole_line: int = 0
    opens: str = ""
    agency: bool = False
    english: bool = False

    def allows(self, alias: str) -> bool:
        return (self.agency or alias not in _AGENCY_CONTEXT_ONLY) and not (self.english and alias in _NON_ENGLISH_ONLY)


_CONTEXTS = (
    # datelines: "(Reuters) -", "(AP) —", "(Xinhua) --", "(EFE).-"
    _Context(r"\(", r"\)(?:[^\S\n]*\.)?[^\S\n]*[-–—]+", opens="("),
    # a dateline without a dash: "NEW YORK (AP) Tina Turner ..."
    _Context(
        r"[^\S\n]*[A-ZÀ-Þ][A-ZÀ-Þ.'-]+(?:[^\S\n][A-ZÀ-Þ][A-ZÀ-Þ.'-]*){0,3}(?:,[^\S\n][^()\n]{1,30}?)?[^\S\n]?\(",
        r"\)(?![^\S\n]*\.?[^\S\n]*[-–—])",
        whole_line=80,
        opens="(",
    ),
    # a credit alone on its line, "(dpa)", or closing the text: "... dijo. (EFE)"
    _Context(r"[^\S\n]*\(", r"\)[^\S\n]*(?=\n|\Z)", whole_line=10, opens="("),
    _Context(r"(?<=[.!?\"'»”])[^\S\n]*\(", r"\)[^\S\n]*\.?\s*\Z", opens="("),
    # a credit opening a line: "Reuters :", "Reuters: ..."
    _Context(r"[^\S\n]*", r"[^\S\n]?:(?=\s|\Z)", whole_line=10),
    # bylines on their own line: "By AP", "By The Associated Press", "By Jane Doe - Associated Press"
    _Context(rf"[^\S\n]*(?i:by|por|von|par){_S}(?:(?i:the){_S})?", _LINE_END, whole_line=20),
    _Context(
        rf"[^\S\n]*(?i:by){_S}[^\n]{{1,100}}?(?:,|\||;|{_S}-|{_S}(?i:for)){_S}(?:(?i:the){_S})?",
        _LINE_END,
        whole_line=160,
        english=True,
    ),
    # "Publicado por Efe", "Publicat per Efe"
    _Context(rf"(?<!\w)(?:publicad[oa]|publicat){_S}(?:por|per){_S}"),
    # "(With inputs from IANS)", "With inputs from agencies and PTI"
    _Context(rf"(?<!\w)with{_S}inputs?{_S}from{_S}(?:agencies[^\S\n]*(?:,|{_S}and){_S})?", english=True),
    # an inverted English reporting verb: "..., reported Reuters."
    _Context(
        rf"(?<=[,\"'”’])[^\S\n]*(?:reported|reports|noted|notes|wrote|writes|said|says|added|adds){_S}(?:the{_S})?",
        english=True,
    ),
    # a report from the wire: "according to a report from the Associated Press"
    _Context(
        rf"(?<!\w)(?:according{_S}to{_S}(?:a|an|the){_S})?(?:report|reports|reporting|story|article|dispatch)"
        rf"{_S}(?:from|by){_S}(?:the{_S})?",
        english=True,
    ),
    # an agency word before or after the name: "agência Lusa", "persbureau ANSA", "la agencia
    # estatal china Xinhua", "la agencia de noticias ANP", "the APA news agency", "AFP haber
    # ajansına" (Turkish); names that count only here take no other words ("agência
    # reguladora ANP" is Brazil's oil regulator)
    _Context(rf"{_ART}{_AGENCY}"),
    _Context(rf"{_ART}{_NEWS_AGENCY}", agency=True),
    _Context(
        None,
        rf"{_S}(?i:news{_S}agency|press{_S}agency|haber{_S}ajans\w*|persbureau|nachrichtenagentur)",
        agency=True,
    ),
    # "according to": "según EFE", "segundo a Lusa", "selon l'AFP", "laut dpa", "volgens Belga"
    _Context(rf"{_ACCORDING_TO}{_S}{_ART}(?:{_AGENCY})?"),
    # the name as the subject of a reporting verb: "informó la Agencia Brasil"
    _Context(rf"{_REPORTED_BY}{_S}{_ART}(?:{_AGENCY})?"),
    # told or by, with a preposition that says so: "à Lusa", "à l'AFP", "all'ANSA", "alla",
    # "dall'ANSA", "tegen Reuters" (Dutch), "gegenüber der dpa"
    _Context(
        rf"(?<!\w)(?:à(?:{_S}l['’]|{_S})|all['’]|alla{_S}|dall['’]|tegen{_S}(?:het{_S}|de{_S})?"
        rf"|gegenüber{_S}(?:der{_S}|dem{_S})?)(?:{_AGENCY})?"
    ),
    # told, the verb some words before "a": "explicó a Efe", "en declaraciones a EFE", "dijo a
    # la AFP la sismóloga", "ha confirmado a EFE"
    _Context(rf"{_IBERIAN_TOLD}(?:{_GAP_WORD}){{0,4}}?{_S}(?:a|à|ao|al)(?:{_S}la{_S}|{_S}l['’]|{_S})(?:{_AGENCY})?"),
    # Russian and Ukrainian: "сообщил ТАСС", "рассказал в четверг ТАСС", "по данным ТАСС"
    _Context(rf"{_SLAVIC_TOLD}(?:{_GAP_WORD}){{0,3}}?{_S}(?:{_AGENCY})?"),
    # German: "sagte der Deutschen Presse-Agentur", "bestätigte die Polizei der dpa", "wie ein
    # Sprecher der dpa sagte"
    _Context(rf"{_GERMAN_TOLD}(?:{_GAP_WORD}){{0,5}}?{_S}(?:der|dem){_S}(?:{_AGENCY})?"),
    _Context(rf"(?<!\w)(?:der|dem){_S}", rf"(?:{_GAP_WORD}){{0,3}}?{_S}{_GERMAN_TOLD_AFTER}"),
)

# Compiled contexts: those read on the whole line or with an ``after`` part one by one, the
# others (most) together, as one search whose leftmost match is the longest phrase; one
# search for each set of names the contexts admit.
_CompiledContext = tuple[_Context, re.Pattern[str] | None, re.Pattern[str] | None]
_SINGLE_CONTEXTS: tuple[_CompiledContext, ...] = tuple(
    (
        context,
        None
        if context.before is None
        else re.compile(context.before if context.whole_line else rf"(?:{context.before})\Z"),
        None if context.after is None else re.compile(context.after),
    )
    for context in _CONTEXTS
    if context.whole_line or context.after is not None or context.before is None
)
_JOINT_CONTEXTS = [c for c in _CONTEXTS if not (c.whole_line or c.after is not None or c.before is None)]


def _joint_before(alias: str) -> re.Pattern[str]:
    # Each of these phrases starts a word: checking that first fails fast inside words.
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{c.before})" for c in _JOINT_CONTEXTS if c.allows(alias)) + r")\Z")


# Before-patterns of the joint contexts, for common names, for names needing an agency word
# and for "Efe" and "Ansa".
_JOINT_BEFORE = {"": _joint_before("AP"), "agency": _joint_before("ANP"), "non-english": _joint_before("Efe")}

# Not citations: the name beside a slash ("REUTERS/Jane Doe", "Sven Hoppe/dpa", "Jane Doe /
# AFP") or before "Photo" ("AP Photo", "Reuters Photo")...
_PHOTO_AFTER_RE = re.compile(r"[^\S\n]*/|[^\S\n]+(?i:photos?|fotos?|images|pictures|pool)\b")
# ... or after a slash or a label ("Foto: dpa", "Photo: AP", "Credit: Reuters", "Bildrechte:
# dpa"), matched in lower case
_PHOTO_BEFORE_RE = re.compile(
    r"(?:/[^\S\n]*|(?<!\w)(?:photos?|fotos?|fotografía|fotografia|credits?|crédito|bild|bilder|bildrechte"
    rf"|titelfoto|image|images|imagen|imagem|pictures?|quelle|video)[^\S\n]*[:|][^\S\n]*(?:the{_S})?)\Z"
)
# How far before a name a photo label may start.
_PHOTO_WINDOW = 40
# ... or on a teaser line: "Related: ...", "Read more: ...", "Leia também: ..."
_TEASER_LINE_RE = re.compile(
    rf"[^\S\n]*(?i:related|more{_S}from|read{_S}more|also{_S}read|see{_S}also|leia{_S}também|lea{_S}también"
    rf"|leer{_S}más|leggi{_S}anche|lesen{_S}sie{_S}auch|mehr{_S}zum{_S}thema)\b"
)
# Slashes of a dateline, which stand apart: "MOSCOW, Dec 26. /TASS/."
_SLASH_DATELINE_RE = re.compile(r"[\s(\[]/|\A/")
_SLASH_DATELINE_END_RE = re.compile(r"/(?!\w)")


def _lower_window(text: str, start: int, end: int) -> str:
    """``text[start:end]`` in lower case, each character still at its place (str.lower
    turns a few letters, like "İ", into two characters)."""
    window = text[start:end]
    lowered = window.lower()
    if len(lowered) != len(window):
        lowered = "".join(char if len(char.lower()) != 1 else char.lower() for char in window)
    return lowered


def _is_photo_credit_or_teaser(text: str, start: int, end: int, line_start: int, before: str | None = None) -> bool:
    """Whether the name at ``text[start:end]`` is a photo credit or on a teaser line.
    ``before`` is the lower-cased line before the name, when known."""
    if _TEASER_LINE_RE.match(text, line_start):
        return True
    if _SLASH_DATELINE_RE.match(text, max(0, start - 2)) and _SLASH_DATELINE_END_RE.match(text, end):
        return False
    if before is None:
        before = _lower_window(text, max(line_start, start - _PHOTO_WINDOW), start)
    return bool(
        _PHOTO_AFTER_RE.match(text, end) or _PHOTO_BEFORE_RE.search(before, max(0, len(before) - _PHOTO_WINDOW))
    )


def _context_matches(text: str) -> Iterator[_Match]:
    """Wire names in a citing context of :data:`_CONTEXTS`, one match per name: the
    longest phrase."""
    for name in _WIRE_NAME_RE.finditer(text):
        start, end = name.span()
        alias = " ".join(name[0].split())
        line_start = text.rfind("\n", 0, start) + 1
        # The window keeps one character before it, so that "(?<!\w)" sees a cut word.
        window_start = max(line_start, start - _CONTEXT_WINDOW - 1)
        window = _lower_window(text, window_start, start)
        if _is_photo_credit_or_teaser(text, start, end, line_start, window):
            continue
        first = 1 if window_start > line_start else 0
        best: tuple[int, int] | None = None
        group = "agency" if alias in _AGENCY_CONTEXT_ONLY else "non-english" if alias in _NON_ENGLISH_ONLY else ""
        found = _JOINT_BEFORE[group].search(window, first)
        if found:
            best = (window_start + found.start(), end)
        for context, before, after in _SINGLE_CONTEXTS:
            if (
                (context.opens and text[start - 1 : start] != context.opens)
                or start - line_start > context.whole_line > 0
                or not context.allows(alias)
            ):
                continue
            phrase_start = start
            if before is not None:
                if context.whole_line:
                    if not before.fullmatch(text, line_start, start):
                        continue
                    phrase_start = line_start
                else:
                    found = before.search(window, first)
                    if not found:
                        continue
                    phrase_start = window_start + found.start()
            phrase_end = end
            if after is not None:
                following = after.match(text, end)
                if following is None:
                    continue
                phrase_end = following.end()
            if best is None or phrase_end - phrase_start > best[1] - best[0]:
                best = (phrase_start, phrase_end)
        if best is not None:
            phrase = " ".join(text[best[0] : best[1]].split())
            yield _Match(start, end, Attribution(WIRE_ALIASES[alias], "wire", phrase))


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
            start, end = match.span("source")
            if _is_photo_credit_or_teaser(text, start, end, text.rfind("\n", 0, start) + 1):
                continue
            phrase = " ".join(match[0].split())
            yield _Match(start, end, Attribution(*resolved, phrase))
    yield from _context_matches(text)


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
