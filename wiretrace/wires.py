"""The wires and outlets wiretrace knows by name, and how a written name resolves to one.

:data:`WIRES` are the news agencies (canonical name -> full name); :data:`WIRE_ALIASES` and
:data:`OUTLET_ALIASES` map names as written ("The Associated Press", "路透社") to canonical
ones. Any other name of one to four capitalised words ending in an outlet word
(:data:`OUTLET_SUFFIXES`: "Kyiv Post", "Example Daily") is an outlet under its own name.

Pure: no I/O, no pipeline imports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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
        "Lusa": "Agência Lusa",
        "Europa Press": "Europa Press",
        "Agência Brasil": "Agência Brasil",
        "IANS": "Indo-Asian News Service",
        "ANP": "Algemeen Nederlands Persbureau",
        "APA": "Austria Presse Agentur",
        "Belga": "Belga News Agency",
        "Keystone-SDA": "Keystone-SDA-ATS (Swiss news agency)",
        "Ukrinform": "Ukrinform",
        "PAP": "Polska Agencja Prasowa",
        "ČTK": "Česká tisková kancelář (Czech News Agency)",
        "AAP": "Australian Associated Press",
        "The Canadian Press": "The Canadian Press",
        "Jiji Press": "Jiji Press",
        "Agerpres": "Agerpres",
        "Ritzau": "Ritzau",
        "Bernama": "Bernama",
        "IRNA": "Islamic Republic News Agency",
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
        "France-Presse": "AFP",
        "France Presse": "AFP",
        "فرانس برس": "AFP",
        "法新社": "AFP",
        "رويترز": "Reuters",
        "路透社": "Reuters",
        "美联社": "AP",
        "Tass": "TASS",
        "ITAR-TASS": "TASS",
        "ТАСС": "TASS",
        "ИТАР-ТАСС": "TASS",
        "塔斯社": "TASS",
        "Xinhua News Agency": "Xinhua",
        "新华社": "Xinhua",
        "新华网": "Xinhua",
        "DPA": "dpa",
        "Deutsche Presse-Agentur": "dpa",
        "Deutschen Presse-Agentur": "dpa",
        "dpa-infocom": "dpa",
        "Bloomberg News": "Bloomberg",
        "United Press International": "UPI",
        "Ansa": "ANSA",
        "Agenzia ANSA": "ANSA",
        "Agenzia Ansa": "ANSA",
        "Agencia EFE": "EFE",
        "Agencia Efe": "EFE",
        "Efe": "EFE",
        "Kyodo News": "Kyodo",
        "共同社": "Kyodo",
        "Yonhap News Agency": "Yonhap",
        "韩联社": "Yonhap",
        "RIA": "RIA Novosti",
        "РИА Новости": "RIA Novosti",
        "Интерфакс": "Interfax",
        "Press Association": "PA Media",
        "The Press Association": "PA Media",
        "Asian News International": "ANI",
        "Press Trust of India": "PTI",
        "Anadolu Agency": "Anadolu",
        "Anadolu Ajansı": "Anadolu",
        "Agência Lusa": "Lusa",
        "Agencia Brasil": "Agência Brasil",
        "Indo-Asian News Service": "IANS",
        "Algemeen Nederlands Persbureau": "ANP",
        "Austria Presse Agentur": "APA",
        "Austria Presse-Agentur": "APA",
        "Keystone-ATS": "Keystone-SDA",
        "SDA": "Keystone-SDA",
        "ATS": "Keystone-SDA",
        "Укрінформ": "Ukrinform",
        "Укринформ": "Ukrinform",
        "Polska Agencja Prasowa": "PAP",
        "Polish Press Agency": "PAP",
        "CTK": "ČTK",
        "Czech News Agency": "ČTK",
        "Australian Associated Press": "AAP",
        "Canadian Press": "The Canadian Press",
        "Jiji": "Jiji Press",
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


#: Horizontal whitespace: names and citing phrases never run across paragraphs.
HORIZONTAL_SPACE = r"[^\S\n]+"
_S = HORIZONTAL_SPACE


# Capitalised words that start sentences or dates; they never begin an outlet's name,
# so "Yesterday Kyiv Post said" yields "Kyiv Post".
_NOT_A_NAME_WORD = (
    r"(?!(?:The|A|An|On|In|At|But|And|As|So|Then|Meanwhile|Earlier|Later|Yesterday|Today"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
# One capitalised word of a name: "Kyiv", "U.S.", "Al-Arabiya", "AT&T".
_NAME_WORD = rf"{_NOT_A_NAME_WORD}[A-Z][\w&'.]*(?:-[A-Z]\w*)?"
#: Any name of one to four capitalised words ending in an outlet word: "Kyiv Post".
GENERIC_OUTLET = rf"(?:The{_S})?(?:{_NAME_WORD}{_S}){{1,4}}(?:{'|'.join(OUTLET_SUFFIXES)})"
_GENERIC_OUTLET_RE = re.compile(GENERIC_OUTLET)


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
