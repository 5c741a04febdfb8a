"""Unit tests of wiretrace.attribution: which wires and outlets an article cites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wiretrace.attribution import WIRE_ALIASES, WIRES, Attribution, find_attributions, resolve_source
from wiretrace.normalise import normalise_text

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
