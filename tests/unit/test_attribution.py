"""Unit tests of wiretrace.attribution: which wires and outlets an article cites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wiretrace.attribution import Attribution, find_attributions
from wiretrace.normalise import normalise_text
from wiretrace.wires import WIRE_ALIASES, WIRES, resolve_source

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# The seed files may start with a " date YYYY-MM-DD" token that is not article text.
DATE_TOKEN_RE = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*")


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return normalise_text(DATE_TOKEN_RE.sub("", path.read_text(encoding="utf-8")))


def cited(text: str, **metadata: str) -> list[tuple[str, str, str]]:
    return [(a.source, a.kind, a.phrase) for a in find_attributions(text, **metadata)]


def test_wire_registry() -> None:
    assert list(WIRES) == [
        "Reuters",
        "AP",
        "AFP",
        "TASS",
        "Xinhua",
        "dpa",
        "Bloomberg",
        "UPI",
        "ANSA",
        "EFE",
        "Kyodo",
        "Yonhap",
        "RIA Novosti",
        "Interfax",
        "PA Media",
        "ANI",
        "PTI",
        "Anadolu",
        "Lusa",
        "Europa Press",
        "Agência Brasil",
        "IANS",
        "ANP",
        "APA",
        "Belga",
        "Keystone-SDA",
        "Ukrinform",
        "PAP",
        "ČTK",
        "AAP",
        "The Canadian Press",
        "Jiji Press",
        "Agerpres",
        "Ritzau",
        "Bernama",
        "IRNA",
    ]
    assert set(WIRE_ALIASES.values()) == set(WIRES)


@pytest.mark.parametrize(
    ("name", "resolved"),
    [
        ("Associated Press", ("AP", "wire")),
        ("the Associated Press", ("AP", "wire")),
        ("Agence France-Presse", ("AFP", "wire")),
        ("Deutsche Presse-Agentur", ("dpa", "wire")),
        ("Press Association", ("PA Media", "wire")),
        ("Bloomberg News", ("Bloomberg", "wire")),
        ("New York Times", ("The New York Times", "outlet")),
        ("Interfax-Ukraine", ("Interfax-Ukraine", "outlet")),
        ("The Kyiv Post", ("Kyiv Post", "outlet")),
        ("Canadian Fox News", ("Fox News", "outlet")),
        ("Agencia Brasil", ("Agência Brasil", "wire")),
        ("Europa Press", ("Europa Press", "wire")),
        ("Canadian Press", ("The Canadian Press", "wire")),
        ("Deutschen Presse-Agentur", ("dpa", "wire")),
        ("Efe", ("EFE", "wire")),
        ("ТАСС", ("TASS", "wire")),
        ("РИА Новости", ("RIA Novosti", "wire")),
        ("新华社", ("Xinhua", "wire")),
        ("CTK", ("ČTK", "wire")),
        ("reporters", None),
        ("Moscow", None),
        ("PA", None),
    ],
)
def test_resolve_source(name: str, resolved: tuple[str, str] | None) -> None:
    assert resolve_source(name) == resolved


def test_seed_001_cites_reuters_twice_and_fox_news() -> None:
    assert cited(seed_text("001")) == [
        ("Fox News", "outlet", "told Fox News"),
        ("Reuters", "wire", "Reuters reports"),
        ("Reuters", "wire", "the Reuters report details"),
    ]


def test_seed_000_cites_reuters_and_fox_news_as_venue() -> None:
    # "during a Fox News appearance" names the outlet where Kellogg spoke: an outlet citation.
    assert cited(seed_text("000")) == [
        ("Fox News", "outlet", "during a Fox News appearance"),
        ("Reuters", "wire", "Reuters reports"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MOSCOW (Reuters) - Russia said...", [("Reuters", "wire", "(Reuters) -")]),
        ("Russia said, Interfax reported.", [("Interfax", "wire", "Interfax reported")]),
        ("the ministry said, according to AP.", [("AP", "wire", "according to AP")]),
        (
            "The toll rose, according to the Associated Press.",
            [("AP", "wire", "according to the Associated Press")],
        ),
        ("according to a Reuters report", [("Reuters", "wire", "according to a Reuters report")]),
        ("the state TASS news agency said", [("TASS", "wire", "TASS news agency")]),
        ("said, citing Bloomberg News.", [("Bloomberg", "wire", "citing Bloomberg News")]),
        ("Peskov was quoted by RIA Novosti as saying", [("RIA Novosti", "wire", "quoted by RIA Novosti")]),
        (
            "The Associated Press contributed to this report.",
            [("AP", "wire", "The Associated Press contributed to this report")],
        ),
        ("Xinhua said on Monday", [("Xinhua", "wire", "Xinhua said")]),
        ("she told CNN's State of the Union", [("CNN", "outlet", "told CNN")]),
        ("he told the BBC on Sunday", [("BBC", "outlet", "told the BBC")]),
        ("Zelensky told Example Daily.", [("Example Daily", "outlet", "told Example Daily")]),
        (
            "as first reported by The Washington Post",
            [("The Washington Post", "outlet", "reported by The Washington Post")],
        ),
        (
            "Interfax-Ukraine reported, citing Interfax.",
            [
                ("Interfax-Ukraine", "outlet", "Interfax-Ukraine reported"),
                ("Interfax", "wire", "citing Interfax"),
            ],
        ),
    ],
)
def test_text_patterns(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert cited(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov told reporters in Moscow.",
        "He told state TV that talks were possible.",
        "(AP Photo/Evan Vucci)",
        "REUTERS/Evelyn Hockstein",
        "Reuters is a news organisation.",
        "The PA said it would respond.",
        "The agency said reporters were told of the visit.",
        "according to Russian Foreign Minister Sergey Lavrov's statement",
    ],
)
def test_not_citations(text: str) -> None:
    assert cited(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Spanish and Catalan
        ("La alcaldesa, en declaraciones a EFE, pidió calma.", [("EFE", "wire", "en declaraciones a EFE")]),
        ("«Hay treinta fallecidos», explicó a Efe el concejal.", [("EFE", "wire", "explicó a Efe")]),
        ("El alcalde ha confirmado a EFE que no hay heridos.", [("EFE", "wire", "ha confirmado a EFE")]),
        ("Lo dijo a la AFP la experta.", [("AFP", "wire", "dijo a la AFP")]),
        ("En declaracions a EFE, l'alcalde ha dit que no.", [("EFE", "wire", "En declaracions a EFE")]),
        (
            "El tribunal votó el viernes, informó la Agencia Brasil.",
            [("Agência Brasil", "wire", "informó la Agencia Brasil")],
        ),
        ("Según EFE, el río se desbordó.", [("EFE", "wire", "Según EFE")]),
        ("Publicado por Efe Actualizado: 12:00\nEl río se desbordó.", [("EFE", "wire", "Publicado por Efe")]),
        ("Valencia, 3 jun (EFE).- El Gobierno aprobó el plan.", [("EFE", "wire", "(EFE).-")]),
        ("El Gobierno aprobó el plan.\n(EFE)", [("EFE", "wire", "(EFE)")]),
        ("El Gobierno aprobó el plan. (EFE)", [("EFE", "wire", "(EFE)")]),
        (
            "Lo confirmaron a Europa Press fuentes del ministerio.",
            [("Europa Press", "wire", "confirmaron a Europa Press")],
        ),
        # Portuguese
        (
            "Em declarações à agência Lusa, o ministro lamentou a morte.",
            [("Lusa", "wire", "Em declarações à agência Lusa")],
        ),
        ('"Foi um dia triste", disse hoje o ministro à Lusa.', [("Lusa", "wire", "disse hoje o ministro à Lusa")]),
        ("O incêndio está controlado, segundo a Lusa.", [("Lusa", "wire", "segundo a Lusa")]),
        ("O tribunal decidiu, informou a agência Lusa.", [("Lusa", "wire", "informou a agência Lusa")]),
        (
            "De acordo com a agência noticiosa Reuters, o voto terminou.",
            [("Reuters", "wire", "De acordo com a agência noticiosa Reuters")],
        ),
        # Italian
        (
            "Secondo quanto apprende l'ANSA da fonti vaticane, il papa sta meglio.",
            [("ANSA", "wire", "Secondo quanto apprende l'ANSA")],
        ),
        ("Il papa sta meglio, riferisce l’Ansa.", [("ANSA", "wire", "riferisce l’Ansa")]),
        ("Lo ha detto il ministro all'ANSA.", [("ANSA", "wire", "all'ANSA")]),
        ("La notizia è stata riportata dall'ANSA.", [("ANSA", "wire", "dall'ANSA")]),
        ("(ANSA) - ROMA, 21 APR - Il papa è morto.", [("ANSA", "wire", "(ANSA) -")]),
        # German
        (
            "Das sagte ein Sprecher der Deutschen Presse-Agentur am Montag.",
            [("dpa", "wire", "sagte ein Sprecher der Deutschen Presse-Agentur")],
        ),
        (
            "Das bestätigte die Polizei der Deutschen Presse-Agentur in Ulm.",
            [("dpa", "wire", "bestätigte die Polizei der Deutschen Presse-Agentur")],
        ),
        ("Das Wasser steigt weiter, berichtet dpa.", [("dpa", "wire", "berichtet dpa")]),
        ("Das Wasser steigt, wie ein Polizeisprecher der dpa sagte.", [("dpa", "wire", "der dpa sagte")]),
        ("Berlin (dpa) - Die Regierung plant.", [("dpa", "wire", "(dpa) -")]),
        ("Die Lage bleibt angespannt.\n(dpa)", [("dpa", "wire", "(dpa)")]),
        (
            "Die Lage bleibt angespannt.\n© dpa-infocom, dpa:240603-99-263348/2",
            [("dpa", "wire", "© dpa-infocom"), ("dpa", "wire", "dpa:240603-99-263348/2")],
        ),
        # Dutch, French, Turkish, Arabic
        ("Dat meldden bronnen aan het Italiaanse persbureau ANSA.", [("ANSA", "wire", "persbureau ANSA")]),
        ("Dat zei de minister tegen Reuters.", [("Reuters", "wire", "tegen Reuters")]),
        ("a indiqué à l'AFP le sismologue.", [("AFP", "wire", "à l'AFP")]),
        ("Le bilan s'alourdit, selon l'AFP.", [("AFP", "wire", "selon l'AFP")]),
        ("Larsen, AFP haber ajansına konuştu.", [("AFP", "wire", "AFP haber ajansına")]),
        ("وقالت لوكالة فرانس برس إن الزلزال", [("AFP", "wire", "لوكالة فرانس برس")]),
        # Russian and Ukrainian
        ("Об этом сообщает ТАСС.", [("TASS", "wire", "сообщает ТАСС")]),
        ("Об этом рассказал ТАСС источник.", [("TASS", "wire", "рассказал ТАСС")]),
        ("МОСКВА, 23 августа. /ТАСС/. Самолет разбился.", [("TASS", "wire", "/ТАСС/.")]),
        ("Об этом сообщили РИА Новости в пресс-службе.", [("RIA Novosti", "wire", "сообщили РИА Новости")]),
        ("Про це повідомляє Укрінформ.", [("Ukrinform", "wire", "повідомляє Укрінформ")]),
        # Chinese
        ("新华社北京6月26日电（记者张三）返回器开舱。", [("Xinhua", "wire", "新华社北京6月26日电")]),
        ("据新华社报道，返回器开舱。", [("Xinhua", "wire", "新华社报道")]),
        ("来源：新华网", [("Xinhua", "wire", "来源：新华网")]),
        # English datelines, bylines and credits
        ("BEIJING, June 26 (Xinhua) -- The returner was opened.", [("Xinhua", "wire", "(Xinhua) --")]),
        ("ANKARA, Turkey (AP) — A quake struck.", [("AP", "wire", "(AP) —")]),
        ("NEW YORK (AP) Tina Turner has died.", [("AP", "wire", "NEW YORK (AP)")]),
        ("Singer dies\nReuters :\nThe singer has died.", [("Reuters", "wire", "Reuters :")]),
        ("By AP\nThe Fed raised rates.", [("AP", "wire", "By AP")]),
        (
            "By JANE DOE and JOHN ROE - Associated Press\nThe Fed raised rates.",
            [("AP", "wire", "By JANE DOE and JOHN ROE - Associated Press")],
        ),
        ("The deal closed.\n(With inputs from IANS)", [("IANS", "wire", "With inputs from IANS")]),
        (
            "Copyright © 2023 by The Associated Press. All rights reserved.",
            [("AP", "wire", "Copyright © 2023 by The Associated Press")],
        ),
        ("The court declared the winner, reported Reuters.", [("Reuters", "wire", "reported Reuters")]),
        (
            "According to a report from the Associated Press, the Fed raised rates.",
            [("AP", "wire", "According to a report from the Associated Press")],
        ),
        # acronyms that mean other things count only beside an agency word
        ("De prijzen stijgen, volgens persbureau ANP.", [("ANP", "wire", "persbureau ANP")]),
        ("The APA news agency reported the vote.", [("APA", "wire", "APA news agency")]),
    ],
)
def test_citations_as_on_pages(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert cited(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # photo credits and captions
        "(AP Photo/Thanassis Stavrakis)",
        "Credit: AP/Thanassis Stavrakis",
        "Foto: Sven Hoppe/dpa",
        "Foto: Lino Mirgeler/DPA",
        "Titelfoto: Jason Tschepljakow/dpa",
        "Bildrechte: picture alliance/dpa | Peter Kneffel",
        "Photo: EPA-EFE",
        "Photo: dpa",
        "Photo: AP news",
        "Quelle: dpa",
        "(Foto de MUHAMMAD HAJ KADOUR / AFP)",
        "Foto: Pilar Olivares / Reuters",
        "REUTERS/Carla Carniel",
        "Reuters/Carla Carniel",
        "(Thomas Santos/AP)",
        "Credit: Reuters Photo",
        "© Reuters Photo",
        "Copyright AP Photo/Jane Doe",
        "© РИА Новости/Baza",
        "(Maxar Technologies/Handout via REUTERS)",
        "Rescuers search the rubble.\nAP Jacquelyn Martin\nThe Fed said it would act.",
        "(Xinhua/Jin Liwang)",
        "[Photo/Xinhua]",
        "Jane Doe/Agência Brasil/dpa",
        "Jane Doe/Agência Brasil/dpa/",
        "Smoke rises over the city. (AFP)\n2 / 5\nNext caption",
        # teasers
        "Related: Reuters reports new talks",
        "Read more: AP said the talks failed",
        # other meanings of acronyms and of "Efe"
        "The ANP said fuel prices rose.",
        "Os preços subiram, segundo a ANP.",
        "A agência reguladora ANP informou os preços.",
        "A Agência Nacional do Petróleo (ANP) - órgão regulador",
        "The PAP said it would win the election.",
        "AAP said it would contest the polls.",
        "Efe said he was happy with the win.",
        "Efe told reporters he was happy.",
        # English words sharing a stem with Spanish verbs
        "He declared a Reuters journalist unwelcome.",
        # a bare name in parentheses inside a sentence
        "Russian agencies reported eight bodies (TASS) and later seven.",
    ],
)
def test_photo_credits_and_other_names_are_not_citations(text: str) -> None:
    assert cited(text) == []


def test_photo_credit_then_dateline() -> None:
    # The photo credit is Xinhua's picture; the dateline after it cites Xinhua for the text.
    text = "The returner is opened, June 26, 2024. (Xinhua/Jin Liwang)\nBEIJING, June 26 (Xinhua) -- The returner"
    assert cited(text) == [("Xinhua", "wire", "(Xinhua) --")]


def test_names_are_case_sensitive() -> None:
    assert cited("reuters reports that ap said") == []
    assert cited("REUTERS REPORTS") == []
    # Words around names are case-tolerant.
    assert cited("Reuters Reports") == [("Reuters", "wire", "Reuters Reports")]


def test_identical_citations_are_reported_once_in_order() -> None:
    text = "Reuters reported the talks. AFP said nothing. Later, Reuters reported the talks again."
    assert cited(text) == [
        ("Reuters", "wire", "Reuters reported"),
        ("AFP", "wire", "AFP said"),
    ]


def test_byline_and_dateline_come_first() -> None:
    found = find_attributions(
        "The White House said, AFP reported.",
        byline="By Jane Doe and John Roe, Reuters",
        dateline="WASHINGTON, Dec 26 (AP)",
    )
    assert found == [
        Attribution("Reuters", "wire", "By Jane Doe and John Roe, Reuters"),
        Attribution("AP", "wire", "WASHINGTON, Dec 26 (AP)"),
        Attribution("AFP", "wire", "AFP reported"),
    ]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Reuters staff", [("Reuters", "wire", "Reuters staff")]),
        ("By The Associated Press", [("AP", "wire", "By The Associated Press")]),
        ("By Jane Doe, Kyiv Post", [("Kyiv Post", "outlet", "By Jane Doe, Kyiv Post")]),
        ("By Jane Doe", []),
        ("By Tom Press", []),
    ],
)
def test_bylines(byline: str, expected: list[tuple[str, str, str]]) -> None:
    assert cited("", byline=byline) == expected


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("MOSCOW (Reuters)", [("Reuters", "wire", "MOSCOW (Reuters)")]),
        ("MOSCOW, December 26. /TASS/", [("TASS", "wire", "MOSCOW, December 26. /TASS/")]),
        ("WASHINGTON (CNN)", [("CNN", "outlet", "WASHINGTON (CNN)")]),
        ("LONDON (Unknown Wire)", []),
    ],
)
def test_datelines(dateline: str, expected: list[tuple[str, str, str]]) -> None:
    assert cited("", dateline=dateline) == expected
