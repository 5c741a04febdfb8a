"""Boilerplate on real pages: lines that are not the article.

Static patterns in six languages (menus, "Listen to this article", timestamps, consent
buttons and cookie notices, photo captions and credits ending in a credit: :func:`split_boilerplate`),
lines an outlet repeats across its articles (:func:`repeated_outlet_lines`), and texts that
are nothing but a consent notice (what :func:`wiretrace.normalise.is_consent_wall` tells).

Pure: no I/O, no pipeline imports.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from wiretrace.trie_regex import trie_alternation

#: Longest line (in words) that a static boilerplate pattern may remove.
MAX_BOILERPLATE_WORDS = 15
#: Longest line (in words) removed as a photo caption for ending with a photo credit.
MAX_CAPTION_WORDS = 60
#: Longest line (in words) removed as a consent notice for opening as one ("We use cookies").
MAX_CONSENT_WORDS = 120
#: Fewest words outside boilerplate that keep a text holding a consent notice an article.
MIN_CONSENT_WALL_WORDS = 15
#: Fewest words in a line that counts as an outlet's repeated boilerplate.
MIN_REPEATED_LINE_WORDS = 3
#: Fewest articles of an outlet a line must appear in to be that outlet's boilerplate.
MIN_REPEATED_ARTICLES = 3
#: Smallest share of an outlet's articles a line must appear in to be its boilerplate.
MIN_REPEATED_SHARE = 0.5


# Month and weekday names (and their usual abbreviations) in en, de, es, pt, it and fr.
_DATE_WORDS = trie_alternation(
    (
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec "
        "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
        "januar jänner februar märz mai juni juli oktober dezember jän mär okt dez "
        "montag dienstag mittwoch donnerstag freitag samstag sonntag "
        "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
        "ene abr ago dic lunes martes miércoles jueves viernes sábado domingo "
        "janeiro fevereiro março maio junho julho setembro outubro novembro dezembro fev set out dez "
        "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira "
        "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
        "lunedì martedì mercoledì giovedì venerdì sabato domenica "
        "janvier février mars avril juin juillet août septembre octobre novembre décembre "
        "janv févr avr juil déc lundi mardi mercredi jeudi vendredi samedi dimanche"
    ).split()
)
# Labels of a page's timestamps: "Published on:", "Last Updated:", "Erstmeldung:", "Actualizado:".
_TIME_LABEL = (
    r"(?:first |last |zuletzt |letzte )?(?:published|updated|posted|modified|created|verified"
    r"|veröffentlicht|aktualisiert|aktualisierung|erstmeldung|publicad[oa]|actualizad[oa]|cread[oa]|verificad[oa]"
    r"|publicat|actualitzat|creat|verificat|atualizad[oa]|criad[oa]|pubblicato|aggiornato|creato"
    r"|publié|mis à jour|modifié|créé)"
)
# Words of a timestamp line without a digit: a date word, a zone, a connective, a bullet, "by NAME".
_TIME_WORD = (
    rf"(?:{_DATE_WORDS}\.?|am|pm|a\.m\.|p\.m\.|uhr|hrs|gmt|utc|ist|cet|cest|edt|est|et|bst|msk|brt"
    r"|on|at|um|el|em|en|il|le|alle|às|a las|de|del|of|the|vom|der|[|•·*/-]"
    r"|(?:by|por|per|von|par) (?-i:[A-Z][\w.'-]*)(?: (?-i:[A-Z][\w.'-]*)){0,2})[:,]?"
)
# Words of a timestamp line that make it one: a label, a date or time, "3 hours ago", "hace 2 horas".
_TIME_MARK = (
    rf"(?:{_TIME_LABEL}|\d{{1,4}}(?:[:./-]\d{{1,4}}){{0,2}}(?:h|hs)?|(?:hace|há|vor|il y a) \d+ \w+"
    r"|\d+ \w+ (?:ago|fa))[:,]?"
)
# A line of timestamp words holding at least one label, date or time.
_TIME_LINE = rf"(?:{_TIME_WORD} )*{_TIME_MARK}(?: (?:{_TIME_MARK}|{_TIME_WORD}))*"
# Consent buttons and links: "Accept all", "Manage preferences", "Alle akzeptieren", "Cookie Policy".
_CONSENT_BUTTON = (
    r"(?:i |we )?(?:accept|agree|allow|reject|decline|refuse)(?: all| all cookies| cookies| and (?:close|continue)"
    r"| (?:only )?(?:necessary|essential)(?: cookies)?)?"
    r"|(?:manage|customi[sz]e|change|adjust|show) (?:my |your |cookie )?(?:preferences|settings|options|choices"
    r"|cookies|consent|purposes|partners|vendors)"
    r"|(?:(?:our|your) )?(?:cookie|privacy|consent)(?: (?:policy|statement|notice|settings|preferences|choices|consent"
    r"|banner))+(?: (?:&|and) (?:cookie|privacy)(?: (?:policy|statement|notice))?)?"
    r"|we (?:value|care about|respect) your privacy|your privacy(?: choices| matters| is important to us)?"
    r"|do not sell(?: or share)? my personal information"
    r"|(?:alle )?(?:cookies )?(?:akzeptieren|ablehnen|zustimmen|zulassen)|einverstanden|einstellungen(?: verwalten)?"
    r"|cookie-einstellungen|datenschutz(?:erklärung|einstellungen|hinweise?)?|wir respektieren ihre privatsphäre"
    r"|(?:aceptar|rechazar|aceitar|rejeitar)(?: todo| todas| todos| tudo| (?:todas |todos )?(?:las |os )?cookies"
    r"| y cerrar| e fechar)?|(?:configurar|gestionar|personalizar|gerir|gerenciar) (?:las |as )?(?:cookies"
    r"|preferencias|preferências|opciones|opções)|pol[ií]tica de (?:cookies|privacidad|privacidade)"
    r"|configuraci[oó]n de cookies|concordo"
    r"|(?:accett|rifiut)[ao](?: tutti| tutto| i cookie)?"
    r"|(?:gestisci|personalizza) (?:le )?(?:preferenze|opzioni|cookie)"
    r"|informativa (?:sulla )?(?:privacy|cookie)"
    r"|(?:tout )?(?:accepter|refuser)(?: tout| et fermer| et continuer| les cookies)?|j'accepte"
    r"|(?:gérer|personnaliser|paramétrer) (?:les |mes )?(?:préférences|cookies|choix|options)"
    r"|politique (?:de confidentialité|(?:relative aux|de|des) cookies)|paramètres des cookies"
)

# A capitalised word (in a case-insensitive pattern): "Economy", "TOP", "Последние".
_CAPITALISED = r"(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w&'.-]*)"

# Whole-line boilerplate, case-insensitive; each alternative is one kind of line:
_STATIC_BOILERPLATE_RE = re.compile(
    # (an optional bullet or dash before the line: "- Advertisement -", "• Updated: ...")
    r"(?:[-•·*|] )?(?:"
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
    # photo credits and captions by label: "Foto: Name/dpa", "Photo: AP (Fair Use)", "Image credit: ...",
    # "Titelfoto: ...", "Bildrechte: picture alliance/dpa | Name"
    r"|(?:titel|title|cover ?)?(?:photo|foto|image|picture|bild)s?(?: ?credits?| ?rechte| ?quelle)?"
    r" ?:.*|(?:credits?|cr[ée]ditos?) ?:.*"
    # gallery counters: "2 / 5", "1/5 Next", "3 of 10"
    r"|\d{1,3} ?(?:/|of|von|de|di|sur) ?\d{1,3}(?: (?:next|prev|previous|weiter|siguiente|próxima|avanti|suivant))?"
    # embedded tags and scraper markers alone on a line: "[ad_1]", "[time-brightcove not-tgx="true"]"
    r"|\[[^\[\]]{0,100}\]"
    # section and menu labels: "Top news", "Economy News", "Audio Posts", "Latest videos"
    # (capitalised words before the last: "It was bad news." is a sentence)
    rf"|(?:{_CAPITALISED}(?: {_CAPITALISED}){{0,2}} )?"
    r"(?:news|posts|videos|podcasts|headlines|nachrichten|noticias|notícias|notizie|новости)"
    # navigation: "Exit mobile version", "Jump to content", "Zum Inhalt springen"
    r"|exit mobile version|(?:jump|skip|go) to (?:the )?(?:main )?(?:content|navigation|article)"
    r"|zum inhalt(?: springen)?|(?:ir|saltar) al contenido|(?:vai|salta) al contenuto|aller au contenu"
    r"|ir para o conteúdo"
    # unfinished-story notes: "More to come...", "MORE TO FOLLOW", "Updates to follow as ...",
    # "THIS IS A BREAKING NEWS UPDATE. ..."
    r"|more to (?:come|follow)|(?:more )?updates? to follow\b.*|this is a breaking news update\b.*"
    r"|(?:this is a )?developing (?:story|news(?: story)?)(?: ?[-.,:;] ?.*)?"
    # comment sections: "Leave a Reply", "Log in here to leave a comment.", "View all posts by Name"
    r"|leave a (?:reply|comment)"
    r"|(?:log ?in|sign ?in|register|become a (?:member|subscriber))\b.*\bto (?:leave|post|write) a comment"
    r"|view all posts by\b.*|(?:member |reader )?comments(?: \(?\d+\)?)?"
    r"|your email address will not be published\b.*"
    # timestamp lines: "Published on: Tuesday, January 18, 2022, 10:30 AM IST", "Last Updated: ...",
    # "Updated 11 September 2023", "3 hours ago", "Publicado por Efe Verificado por Creado: Actualizado:"
    rf"|{_TIME_LINE}"
    # cookie and consent buttons and links
    rf"|{_CONSENT_BUTTON}"
    r")[\s.!:-]*",
    re.IGNORECASE,
)
# Credit lines, removed as boilerplate but still searched for attributions: copyright lines
# ("© 2024 The Associated Press") and published-by lines ("Publicado por Efe Actualizado: ...").
_CREDIT_LINE_RE = re.compile(
    r"(?:©|copyright\b|(?:[-•·*|] )?(?:published|posted|publicad[oa]|publicat|pubblicato|veröffentlicht|publié)"
    r" (?:by|por|per|da|von|par) )",
    re.IGNORECASE,
)

# A consent notice, matched at the start of a line: a site saying it uses cookies ("We use
# cookies ...", "We and our partners store ...", "Wir verwenden Cookies", "Utilizamos cookies",
# "Nous utilisons des cookies") or that using it is consent ("By continuing to browse this site ...").
_CONSENT_NOTICE_RE = re.compile(
    r"(?:(?:we|we and our (?:\d+ )?partners) (?:use|uses|may use|are using|would like to use|store|set|place)"
    r"|this (?:web ?)?site (?:uses|is using|stores|may use)|our (?:web ?)?site uses"
    r"|wir (?:verwenden|nutzen|setzen)|(?:diese|unsere) (?:web ?)?(?:seite|website) (?:verwendet|nutzt)"
    r"|(?:utilizamos|usamos)|(?:este|nuestro) (?:sitio(?: web)?|site|portal) (?:utiliza|usa)"
    r"|(?:utilizziamo|usiamo)|questo sito(?: web)? (?:utilizza|usa)"
    r"|nous(?: et nos partenaires)? (?:utilisons|stockons)|ce site(?: web)? utilise)"
    r"\b.{0,100}?\bcookie"
    r"|(?:by (?:continuing to (?:use|browse|visit)|using|browsing|visiting) (?:this|our) (?:web ?)?"
    r"(?:site|page|service)|by clicking|al (?:continuar|seguir) navegando|ao (?:continuar a )?navegar"
    r"|continuando (?:a navigare|la navigazione)"
    r"|en poursuivant (?:votre|la) navigation|wenn sie (?:diese|unsere) (?:web ?)?(?:seite|website) weiter)"
    r"\b.{0,120}?\b(?:cookies?|agree|accept|consent|akzeptier\w*|zustimm\w*|aceptas?|aceita|accett\w*|acceptez)\b",
    re.IGNORECASE,
)
# Short consent lines (buttons, links), the same alternatives as in the static patterns.
_CONSENT_BUTTON_RE = re.compile(rf"(?:{_CONSENT_BUTTON})[\s.!:]*", re.IGNORECASE)
# Words that show a lower-cased text may hold a consent notice (a cheap test before its lines).
CONSENT_HINTS = ("cookie", "consent", "privacy", "datenschutz", "privacidad", "privacidade", "confidentialit")
# Texts longer than this (characters) are never only a consent notice.
CONSENT_WALL_MAX_CHARS = 5000

# Names in a photo credit: "Thanassis Stavrakis", "REUTERS", "picture alliance", "Agencia Brazil".
_CREDIT_NAME = (
    r"(?:[A-ZÀ-ÖØ-Þ@][\w.'&@-]*|dpa|ddp|epa|picture alliance|imago(?: images)?|via|from|de|da|del|di|dos|do"
    r"|van|von|der|den|la|le|al|and|und|y|e|et)"
)
_CREDIT = rf"{_CREDIT_NAME}(?:(?: ?[/|] ?| - |, | ){_CREDIT_NAME}){{0,9}}"
# A person or organisation named in two to four capitalised words: "Thomas Santos", "Maxar Technologies".
_CREDIT_PERSON = r"[A-ZÀ-ÖØ-Þ][\w.'-]+(?: [A-ZÀ-ÖØ-Þ][\w.'-]+){1,3}"
# A photo credit ending a line (the caption before it, if any, describes a picture, not the story):
_CAPTION_END_RE = re.compile(
    # a credit after a label: "... on Monday. Foto: Sven Hoppe/dpa", "... Credit:Bloomberg"
    r"(?<![\w'])(?i:(?:titel|title|cover ?)?(?:photo|foto|image|picture|bild)s?(?: ?credits?| ?rechte| ?quelle)?"
    rf"|credits?|cr[ée]ditos?) ?: ?{_CREDIT}\.?\Z"
    # a credit in parentheses or brackets, last on the line: "(AP Photo/Name Name)", "(Photo: X)",
    # "[Photo/Xinhua]", "(Thomas Santos/AP)", "(Maxar Technologies/Handout via REUTERS)", "(AP Photo)"
    r"|[(\[](?:[^()\[\]]*(?i:photos?|fotos?|images?|pictures?|credits?) ?(?::|/|(?i:by|courtesy|via)\b)[^()\[\]]*"
    rf"|{_CREDIT_PERSON} ?/ ?{_CREDIT}|{_CREDIT} ?/ ?{_CREDIT_PERSON}|(?:[A-Z][\w.-]* ){{1,3}}(?i:photo|foto))[)\]]\Z"
    # a bare credit with a slash, alone or after a sentence: "Sven Hoppe/dpa", "REUTERS/Name",
    # "... este miércoles. - Manu Bruque / EFE"
    rf"|^{_CREDIT} ?/ ?{_CREDIT}\Z"
    rf"|(?<=[.!?)] )(?:[-|] )?(?:{_CREDIT_PERSON} ?/ ?{_CREDIT}|{_CREDIT} ?/ ?{_CREDIT_PERSON})\Z"
)
# Only the end of a line is searched for a photo credit.
_CAPTION_TAIL_CHARS = 120


def word_count(line: str) -> int:
    return len(line.split())


def _is_caption(line: str) -> bool:
    tail = line[-_CAPTION_TAIL_CHARS:]
    if not (tail.endswith((")", "]")) or "/" in tail or ":" in tail):
        return False
    return _CAPTION_END_RE.search(line, len(line) - len(tail)) is not None


def is_photo_caption(line: str) -> bool:
    """Whether a normalised line is a photo caption or credit: it ends with a photo credit
    ("... on Monday. (AP Photo/Jane Doe)", "Foto: Jane Doe/dpa", "REUTERS/Jane Doe") and has at
    most :data:`MAX_CAPTION_WORDS` words."""
    return _is_caption(line) and word_count(line) <= MAX_CAPTION_WORDS


def is_consent_line(line: str) -> bool:
    """Whether a normalised line is part of a cookie or consent notice: a button or link of at
    most :data:`MAX_BOILERPLATE_WORDS` words ("Accept all", "Cookie Policy", "Alle akzeptieren")
    or a notice of at most :data:`MAX_CONSENT_WORDS` words opening as one ("We use cookies ...",
    "Utilizamos cookies ...")."""
    words = word_count(line)
    return bool(
        (words <= MAX_BOILERPLATE_WORDS and _CONSENT_BUTTON_RE.fullmatch(line))
        or (words <= MAX_CONSENT_WORDS and _CONSENT_NOTICE_RE.match(line))
    )


def is_static_boilerplate(line: str) -> bool:
    """Whether a normalised line is generic web-page boilerplate: a line of at most
    :data:`MAX_BOILERPLATE_WORDS` words matching a static pattern ("Advertisement", "Top news",
    "Accept all", "Published on: ...", "2 / 5", "[ad_1]"), a photo caption or credit
    (:func:`is_photo_caption`) or a consent notice (:func:`is_consent_line`)."""
    # Words are counted only as far as needed: most lines are long and match nothing.
    if len(line.split(None, MAX_BOILERPLATE_WORDS)) <= MAX_BOILERPLATE_WORDS and _STATIC_BOILERPLATE_RE.fullmatch(line):
        return True
    return bool(
        (_CONSENT_NOTICE_RE.match(line) and word_count(line) <= MAX_CONSENT_WORDS)
        or (_is_caption(line) and word_count(line) <= MAX_CAPTION_WORDS)
    )


def is_credit_line(line: str) -> bool:
    """Whether a removed line is a photo credit (kept apart: its agency is not a citation)."""
    return bool(_CREDIT_LINE_RE.match(line))


def split_boilerplate(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split normalised lines into (kept, removed) by :func:`is_static_boilerplate`."""
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
    article does not turn its own lines into boilerplate. A line holding a direct quotation
    (what :func:`wiretrace.normalise.extract_quotes` finds: at least four words in quote marks)
    never is: an outlet covering one story in several articles repeats the statement it quotes
    ("We will not back down," the minister said.), which is the story's text, while its furniture
    ("Follow us on ...", teasers, newsletter prompts) quotes nobody.
    """
    from wiretrace.normalise import extract_quotes  # normalise imports this module

    texts_by_outlet: dict[str, set[str]] = defaultdict(set)
    for outlet, text in articles:
        texts_by_outlet[outlet].add(text)
    repeated: dict[str, set[str]] = {}
    for outlet, texts in texts_by_outlet.items():
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update({line for line in text.split("\n") if word_count(line) >= MIN_REPEATED_LINE_WORDS})
        lines = {
            line
            for line, count in counts.items()
            if count >= MIN_REPEATED_ARTICLES
            and count >= MIN_REPEATED_SHARE * len(texts)
            and not ('"' in line and extract_quotes(line))
        }
        if lines:
            repeated[outlet] = lines
    return repeated
