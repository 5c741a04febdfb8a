"""Unit tests of wiretrace.normalise: text normalisation, boilerplate, byline, dateline,
quotes, language, and the stage function on the seed articles."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.boilerplate import (
    MAX_CAPTION_WORDS,
    is_consent_line,
    is_photo_caption,
    is_static_boilerplate,
    repeated_outlet_lines,
    split_boilerplate,
)
from wiretrace.ingest import RawRecord, articles_from_records
from wiretrace.normalise import (
    NormalisedBatch,
    detect_language,
    extract_byline,
    extract_dateline,
    extract_quotes,
    is_consent_wall,
    normalise_articles,
    normalise_text,
)
from wiretrace.schemas import ARTICLE, ATTRIBUTION, QUOTE, RAW_ARTICLE

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# The seed files may start with a " date YYYY-MM-DD" token that is not article text.
DATE_TOKEN_RE = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*")


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return DATE_TOKEN_RE.sub("", path.read_text(encoding="utf-8"))


def raw_table(records: list[dict[str, str | None]]) -> pa.Table:
    rows = [
        {
            "article_id": record["article_id"],
            "url": None,
            "outlet": record["outlet"],
            "title": None,
            "published_at": datetime(2024, 12, 26, tzinfo=UTC),
            "lang": record.get("lang"),
            "text": record["text"],
            "source_file": "test.jsonl",
            "record_ref": str(index),
        }
        for index, record in enumerate(records)
    ]
    return pa.Table.from_pylist(rows, schema=RAW_ARTICLE)


@pytest.fixture(scope="module")
def seed_batch() -> NormalisedBatch:
    return normalise_articles(
        raw_table(
            [
                {"article_id": "000", "outlet": "a.example", "text": seed_text("000")},
                {"article_id": "001", "outlet": "b.example", "text": seed_text("001")},
            ]
        )
    )


def rows_of(table: pa.Table, article_id: str) -> list[dict]:
    return [row for row in table.to_pylist() if row["article_id"] == article_id]


# --- normalise_text ------------------------------------------------------------------


def test_normalise_text_straightens_quotes_and_apostrophes() -> None:
    text = "“A truce,” he said. Trump’s „plan“ «x» ‘y’ ‚z‘ ‹w› 5″ 3′ &quot;q&quot; it&#8217;s"
    assert normalise_text(text) == "\"A truce,\" he said. Trump's \"plan\" \"x\" 'y' 'z' 'w' 5\" 3' \"q\" it's"


def test_normalise_text_unifies_dashes_and_spaces() -> None:
    text = "Kyiv\u00a0—\u2009Moscow – A‑B\u200b C\u2060D\u00adE\ufeff  \t F"
    assert normalise_text(text) == "Kyiv - Moscow - A-B CDE F"


def test_normalise_text_keeps_paragraphs_as_lines() -> None:
    text = "  Title  \r\n\r\n\r\nFirst   paragraph.\n \n\t\nSecond\u2029Third\n"
    assert normalise_text(text) == "Title\nFirst paragraph.\nSecond\nThird"


def test_normalise_text_applies_nfkc() -> None:
    assert normalise_text("ﬁnal ＵＳ… e\u0301") == "final US... é"


def test_normalise_text_keeps_other_entities() -> None:
    assert normalise_text("AT&amp;T &lt;b&gt;") == "AT&amp;T &lt;b&gt;"


# Text mixing arbitrary characters with the ones normalisation rewrites.
_TRICKY = st.sampled_from(
    [
        *"“”„«»‘’‚‹›″′‴\u00a0\u200b\u200d\ufeff\u00ad\u2028\u0085\r\n\t &;#＆ﬁ…—–\u0301e",
        "&quot;",
        "&#8217;",
        "&nbsp;",
    ]
)


@settings(max_examples=400)
@given(st.one_of(st.text(), st.lists(st.one_of(_TRICKY, st.characters())).map("".join)))
def test_normalise_text_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


# --- boilerplate ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Listen To Story Above",
        "Listen to this article",
        "Share this article",
        "Subscribe to our newsletter",
        "Follow us on X and Facebook",
        "Click here to read more.",
        "Advertisement",
        "ADVERTISEMENT - Scroll to continue",
        "Read more: Russia says the West must move first",
        "Sign up for our daily briefing",
        "© 2024 Example Media",
        "All rights reserved.",
        "Related: Kellogg upbeat on talks",
    ],
)
def test_static_boilerplate_lines(line: str) -> None:
    assert is_static_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Moscow will work with Trump's administration on one condition.",
        "Readers can listen to this article above, the editor said, in a statement on Monday.",
        "Follow us on X and Facebook and Instagram and Threads and Bluesky and TikTok and YouTube too",
    ],
)
def test_not_static_boilerplate(line: str) -> None:
    assert not is_static_boilerplate(line)


# Page noise that reaches extracted text. All lines are made up in the shapes real pages use.
PHOTO_CREDIT_LINES = [
    "Foto: Jana Beispiel/dpa",
    "Photo: AP (Fair Use)",
    "Photo: AP news",
    "Photo: EPA-EFE",
    "(AP Photo/Jane Doe)",
    "(AP Photo)",
    "Credit: AP/John Roe",
    "Image credit: Example Commons",
    "Bildrechte: picture alliance/dpa | Max Muster",
    "Titelfoto: Erika Muster/dpa",
    "REUTERS/Jane Doe",
    "REUTERS/Stringer",
    "Juan Pérez / EFE",
    "[Photo/Xinhua]",
    "2 / 5",
    "1/4 Next",
    "Image: Firefighters carry a child out of the flooded school as parents wait outside",
]
CAPTION_LINES = [
    "Rescuers search the rubble of a collapsed school in Exampleton, on Monday. (AP Photo/Jane Doe)",
    "Volunteers stack sandbags along the river bank in Sampleburg on Friday (John Roe/AP)",
    "A satellite image shows flooded fields near Exampleton on May 3, 2024. (Example Imaging/Handout via REUTERS)",
    "The minister speaks to reporters outside parliament in Sampleburg. (Photo: Example/@ExampleGov)",
    "The capsule lands in the grassland of Example Banner on June 2, 2024. [Photo/Xinhua]",
    "Ein Feuerwehrwagen steht vor einem überfluteten Haus in Beispielstadt. Foto: Max Muster/dpa",
    "Helfer räumen am Morgen Schlamm aus einem Keller in Beispieldorf. Erika Muster/dpa",
    "Vista de una calle inundada en Pueblo Ejemplo, este martes. - Juan Pérez / EFE",
    "The central bank chief speaks at a news conference in Sampleburg. Credit:Bloomberg",
    "O ex-presidente fala com jornalistas em Cidade Exemplo. Foto: Ana Exemplo/Reuters",
]
NOT_CAPTION_LINES = [
    "Support for the plan fell to 41 percent, according to a poll (Reuters/Ipsos).",
    "The poll (Reuters/Ipsos) showed support falling for a third month.",
    "The agency published a photo of the damaged bridge on Monday, officials said.",
    "He posted a photo: a flooded street with cars half under water and no one in sight.",
    "The ministry said it would keep the 50/50 split of the funding with the regions.",
    "The talks ended without a deal (AP).",
    # A paragraph the credit was glued to is too long to be a caption.
    " ".join(["Officials said the water kept rising through the night."] * 7) + " Foto: Max Muster/dpa",
]
CONSENT_LINES = [
    "We use cookies to give you the best experience on our website.",
    "We and our 812 partners store and/or access information on a device, such as cookies, and process personal "
    "data, such as unique identifiers and standard information sent by a device, for personalised ads and "
    "content, ad and content measurement, and audience insights.",
    "This website uses cookies to improve your experience. You can opt out if you wish.",
    "By continuing to browse our site you agree to our use of cookies, our Privacy Policy and Terms of Use.",
    "Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren.",
    "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
    "Usamos cookies para melhorar a sua experiência de navegação.",
    "Utilizziamo i cookie per personalizzare contenuti e annunci.",
    "Nous utilisons des cookies pour améliorer votre expérience.",
    "Accept all",
    "Accept all cookies",
    "Reject all",
    "I agree",
    "Manage preferences",
    "Our Privacy Statement & Cookie Policy",
    "Cookie settings",
    "Alle akzeptieren",
    "Aceptar todas las cookies",
    "Aceitar todos",
    "Accetta tutti",
    "Tout accepter",
    "Gérer les préférences",
]
NOT_CONSENT_LINES = [
    "The regulator fined the company for setting cookies without consent, the ministry said.",
    "We used to play in that street every day, she said.",
    "We will seek the consent of every member state before acting, the minister told parliament.",
    '"We use cookies only where the law allows," the company said in a statement.',
    "By using force, Russia violated the agreement, the ministry said.",
    "Websites must ask before they store cookies on a device, the court ruled on Tuesday.",
]
MENU_LINES = [
    "Top news",
    "Audio Posts",
    "Economy News",
    "Latest Videos",
    "Headline News World News",
    "Exit mobile version",
    "Jump to content",
    "Zum Inhalt springen",
    "More to come…",
    "MORE TO FOLLOW...",
    "Updates to follow as more information becomes available.",
    "THIS IS A BREAKING NEWS UPDATE. Our earlier story follows below.",
    "[ad_1]",
    "[embed-player id=”42” autoplay=”false”]",
    "- Advertisement -",
    "Published on: Tuesday, March 5, 2024, 09:15 AM IST",
    "Last Updated: March 5, 2024 | 09:15 IST",
    "Updated 5 March 2024",
    "• updated: Mar 05 2024, 09:15 ist",
    "Sunday 3 March 2024 17:56",
    "2 hours ago",
    "Erstmeldung: 09.12 Uhr, letzte Aktualisierung: 10.02 Uhr",
    "Publicado por Efe Verificado por Creado: Actualizado:",
    "Publicat per Efe Verificat per Creat: Actualitzat:",
    "Aggiornato il 5 marzo 2024 alle 09:15",
    "Leave a Reply",
    "Log in here to leave a comment.",
    "Your email address will not be published. Required fields are marked *",
]
NOT_MENU_LINES = [
    "The news came as a shock to the village.",
    "It was not good news for the farmers.",
    "Updated figures released on Monday showed 45 deaths.",
    "Published reports said the talks had stalled.",
    "More to come from the ministry, officials said on Tuesday.",
    "On Monday, March 4, the council met again.",
    "Developing news in the region rattled markets on Monday.",
    "- September 8, 2023: A magnitude 6.8 quake kills more than 2,000 people.",
]


@pytest.mark.parametrize("line", PHOTO_CREDIT_LINES + CAPTION_LINES)
def test_photo_credits_and_captions_are_boilerplate(line: str) -> None:
    assert is_static_boilerplate(normalise_text(line))


@pytest.mark.parametrize("line", CAPTION_LINES)
def test_captions_ending_with_a_credit(line: str) -> None:
    assert is_photo_caption(normalise_text(line))


@pytest.mark.parametrize("line", NOT_CAPTION_LINES)
def test_sentences_are_not_captions(line: str) -> None:
    assert not is_photo_caption(line)
    assert not is_static_boilerplate(line)


def test_caption_word_limit() -> None:
    caption = "Rescuers search the rubble. (AP Photo/Jane Doe)"
    padding = " ".join(["word"] * (MAX_CAPTION_WORDS - len(caption.split())))
    assert is_photo_caption(f"{padding} {caption}")
    assert not is_photo_caption(f"{padding} more {caption}")


@pytest.mark.parametrize("line", CONSENT_LINES)
def test_consent_lines_are_boilerplate(line: str) -> None:
    assert is_consent_line(line)
    assert is_static_boilerplate(line)


@pytest.mark.parametrize("line", NOT_CONSENT_LINES)
def test_sentences_about_cookies_are_kept(line: str) -> None:
    line = normalise_text(line)
    assert not is_consent_line(line)
    assert not is_static_boilerplate(line)


@pytest.mark.parametrize("line", MENU_LINES)
def test_menu_timestamp_and_tag_lines_are_boilerplate(line: str) -> None:
    assert is_static_boilerplate(normalise_text(line))


@pytest.mark.parametrize("line", NOT_MENU_LINES)
def test_short_sentences_are_not_menu_lines(line: str) -> None:
    assert not is_static_boilerplate(normalise_text(line))


CONSENT_WALL = (
    "We value your privacy\n\n"
    "We and our partners use cookies to store and access personal data such as browsing data for purposes "
    "such as serving and personalising content and advertising.\n\n"
    "Accept all\nReject all\nManage preferences\nPrivacy Policy"
)
STORY = (
    "Floodwater swept through the valley town overnight, forcing hundreds of residents onto rooftops, "
    "officials said on Tuesday.\n\nRescue teams reached the worst-hit streets by boat at dawn."
)


@pytest.mark.parametrize(
    "text",
    [
        CONSENT_WALL,
        "Wir verwenden Cookies, um unsere Website für Sie zu verbessern.\nAlle akzeptieren\nEinstellungen",
        "Utilizamos cookies para mejorar su experiencia.\nAceptar\nRechazar\nConfigurar cookies",
    ],
)
def test_consent_wall(text: str) -> None:
    assert is_consent_wall(text)


@pytest.mark.parametrize("text", [f"{CONSENT_WALL}\n\n{STORY}", STORY, "Advertisement\n\nListen to this article"])
def test_not_consent_wall(text: str) -> None:
    assert not is_consent_wall(text)


def test_normalise_articles_drops_page_noise_around_the_story() -> None:
    text = "\n".join(
        [
            "Audio Posts",
            "Published on: Tuesday, March 5, 2024, 09:15 AM IST",
            "We use cookies to give you the best experience on our website.",
            "Accept all",
            "[ad_1]",
            "Floodwater swept through the valley town overnight, officials said.",
            "Residents wade through a flooded street in Exampleton on Tuesday. (AP Photo/Jane Doe)",
            "2 / 5",
            "Rescue teams reached the worst-hit streets by boat at dawn.",
            "MORE TO FOLLOW...",
            "[ad_2]",
        ]
    )
    (article,) = normalise_articles(
        raw_table([{"article_id": "n", "outlet": "x.com", "text": text}])
    ).articles.to_pylist()
    assert article["clean_text"] == (
        "Floodwater swept through the valley town overnight, officials said.\n"
        "Rescue teams reached the worst-hit streets by boat at dawn."
    )


def test_published_by_line_is_removed_but_credits_the_wire() -> None:
    text = "Publicado por Efe Verificado por Creado: Actualizado:\n\nLa riada dejó sin luz a todo el pueblo."
    batch = normalise_articles(raw_table([{"article_id": "e", "outlet": "x.es", "text": text}]))
    assert batch.articles.column("clean_text").to_pylist() == ["La riada dejó sin luz a todo el pueblo."]
    assert [row["source"] for row in batch.attributions.to_pylist()] == ["EFE"]


# --- what ingest hands over: the date token and consent walls ------------------------


def ingested(*records: dict[str, object]) -> tuple[dict[str, dict], list[tuple[str, str]]]:
    result = articles_from_records(
        ("feed.jsonl", RawRecord(f"line {n}", record, None)) for n, record in enumerate(records, 1)
    )
    rows = {row["article_id"]: row for row in result.articles.to_pylist()}
    return rows, [(row["record_ref"], row["reason"]) for row in result.rejects.to_pylist()]


def test_leading_date_token_in_a_record_is_removed_and_dates_it() -> None:
    body = "ADANA, Turkey (AP) — A powerful quake shook the region before dawn."
    rows, rejects = ingested(
        {"id": "day", "text": f" date 2023-02-06 {body}"},
        {"id": "given", "text": f"date 2023-02-06 {body}", "published_at": "2023-02-07T10:00:00Z"},
        {"id": "month", "text": f" date 2024-06 {body}"},
        {"id": "none", "text": f"Updated date 2023-02-06 {body}"},
    )
    assert rejects == []
    assert [rows[i]["text"] for i in ("day", "given", "month")] == [body] * 3
    assert rows["day"]["published_at"] == datetime(2023, 2, 6, tzinfo=UTC)
    assert rows["given"]["published_at"] == datetime(2023, 2, 7, 10, tzinfo=UTC)
    assert rows["month"]["published_at"] is None
    assert rows["none"]["text"].startswith("Updated date 2023-02-06")
    (article,) = normalise_articles(pa.Table.from_pylist([rows["day"]], schema=RAW_ARTICLE)).articles.to_pylist()
    assert article["dateline"] == "ADANA, Turkey (AP)"
    assert article["clean_text"] == "A powerful quake shook the region before dawn."


def test_record_that_is_only_a_consent_wall_is_rejected() -> None:
    rows, rejects = ingested({"id": "wall", "text": CONSENT_WALL}, {"id": "story", "text": f"{CONSENT_WALL}\n{STORY}"})
    assert list(rows) == ["story"]
    assert rejects == [("line 1", "no article text: only a cookie or consent notice")]


def test_split_boilerplate() -> None:
    kept, removed = split_boilerplate(["Title", "Listen To Story Above", "Body.", "Advertisement"])
    assert kept == ["Title", "Body."]
    assert removed == ["Listen To Story Above", "Advertisement"]


def test_repeated_outlet_lines() -> None:
    footer = "Follow ExampleNews on X for more updates."
    articles = [("examplenews.com", f"Story number {n} about something.\n{footer}") for n in range(4)]
    articles.append(("other.com", f"Another story.\n{footer}"))
    assert repeated_outlet_lines(articles) == {"examplenews.com": {footer}}


def test_repeated_outlet_lines_needs_three_articles_and_half() -> None:
    footer = "Follow ExampleNews on X for more updates."
    two = [("a.com", f"Story {n}.\n{footer}") for n in range(2)]
    assert repeated_outlet_lines(two) == {}
    three_of_seven = [("a.com", f"Story {n}.\n{footer}" if n < 3 else f"Story {n}.") for n in range(7)]
    assert repeated_outlet_lines(three_of_seven) == {}
    # Short lines ("Story 1." has two words) never count; duplicates count once.
    duplicates = [("a.com", f"Same story.\n{footer}")] * 5
    assert repeated_outlet_lines(duplicates) == {}


def test_normalise_articles_removes_outlet_boilerplate_only_for_that_outlet() -> None:
    footer = "ExampleNews is published every morning by Example Media Group."
    records: list[dict[str, str | None]] = [
        {"article_id": f"e{n}", "outlet": "examplenews.com", "text": f"Story {n} body text here.\n\n{footer}"}
        for n in range(4)
    ]
    records.append({"article_id": "o1", "outlet": "other.com", "text": f"Other body text.\n\n{footer}"})
    articles = normalise_articles(raw_table(records)).articles.to_pylist()
    assert [a["clean_text"] for a in articles[:4]] == [f"Story {n} body text here." for n in range(4)]
    assert articles[4]["clean_text"] == f"Other body text.\n{footer}"


def test_a_quote_an_outlet_keeps_repeating_is_not_its_boilerplate() -> None:
    """Three follow-ups of one story quote the minister's line (curly quotes in one of them):
    the quotation stays in every article, while the outlet's furniture (a repeated teaser with
    only scare quotes, a follow prompt) goes."""
    statement = "\u201cWe will not back down on the pension reform,\u201d the minister told parliament."
    teaser = 'Watch: the "big three" explained in our new video series'
    follow = "Follow ExampleNews on X for more updates."
    records: list[dict[str, str | None]] = [
        {
            "article_id": f"e{n}",
            "outlet": "examplenews.com",
            "text": f"Update {n} on the strike in the capital today.\n\n{statement}\n\n{teaser}\n\n{follow}",
        }
        for n in range(3)
    ]
    straight = normalise_text(statement)
    assert repeated_outlet_lines((r["outlet"], normalise_text(r["text"] or "")) for r in records) == {
        "examplenews.com": {teaser, follow}
    }
    batch = normalise_articles(raw_table(records))
    assert [a["clean_text"] for a in batch.articles.to_pylist()] == [
        f"Update {n} on the strike in the capital today.\n{straight}" for n in range(3)
    ]
    assert {q["quote"] for q in batch.quotes.to_pylist()} == {"We will not back down on the pension reform"}


# --- byline and dateline -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "dateline", "rest"),
    [
        ("MOSCOW (Reuters) - Russia said on Thursday...", "MOSCOW (Reuters)", "Russia said on Thursday..."),
        ("WASHINGTON, Dec 26 (AP) — The White House said", "WASHINGTON, Dec 26 (AP)", "The White House said"),
        ("PARIS (AFP) - France said", "PARIS (AFP)", "France said"),
        ("KYIV, Ukraine (AP) - Drones hit", "KYIV, Ukraine (AP)", "Drones hit"),
        ("MOSCOW, December 26. /TASS/. Lavrov said", "MOSCOW, December 26. /TASS/", "Lavrov said"),
    ],
)
def test_extract_dateline(line: str, dateline: str, rest: str) -> None:
    assert extract_dateline(["Headline", normalise_text(line), "More."]) == (
        dateline,
        ["Headline", rest, "More."],
    )


@pytest.mark.parametrize("line", ["NATO said (on Monday) - nothing", "Moscow (Reuters) - lower-case place"])
def test_no_dateline(line: str) -> None:
    assert extract_dateline([line]) == (None, [line])


@pytest.mark.parametrize(
    "line",
    ["By Jane Doe", "By Jane Doe and John Roe, Reuters", "BY JANE DOE | Kyiv Post", "Reuters staff"],
)
def test_extract_byline(line: str) -> None:
    assert extract_byline(["Headline", line, "Body."]) == (line, ["Headline", "Body."])


@pytest.mark.parametrize("line", ["By Thursday, Russia had lost ground.", "By the way"])
def test_no_byline(line: str) -> None:
    assert extract_byline([line]) == (None, [line])


def test_normalise_articles_moves_byline_and_dateline_to_metadata() -> None:
    text = "By Jane Doe and John Roe, Reuters\n\nMOSCOW (Reuters) - Russia said it was ready.\n\nMore text."
    batch = normalise_articles(raw_table([{"article_id": "r1", "outlet": "reuters.com", "text": text}]))
    (article,) = batch.articles.to_pylist()
    assert article["byline"] == "By Jane Doe and John Roe, Reuters"
    assert article["dateline"] == "MOSCOW (Reuters)"
    assert article["clean_text"] == "Russia said it was ready.\nMore text."
    assert batch.attributions.to_pylist() == [
        {
            "article_id": "r1",
            "source": "Reuters",
            "kind": "wire",
            "phrase": "By Jane Doe and John Roe, Reuters",
        },
        {"article_id": "r1", "source": "Reuters", "kind": "wire", "phrase": "MOSCOW (Reuters)"},
    ]


# --- quotes and language -------------------------------------------------------------


def test_extract_quotes() -> None:
    text = normalise_text(
        "“A truce is a path to nowhere,” Lavrov said. He called it “a trap” and said: “We need deals.”\n"
        "“This quote continues in the next paragraph\n"
        "“and ends here, he said.”"
    )
    assert extract_quotes(text) == ["A truce is a path to nowhere", "and ends here, he said"]


def test_extract_quotes_on_seeds() -> None:
    quotes_000 = extract_quotes(normalise_text(seed_text("000")))
    quotes_001 = extract_quotes(normalise_text(seed_text("001")))
    assert len(quotes_000) == 4
    assert len(quotes_001) == 5
    assert "A truce is a path to nowhere" in quotes_000
    assert "A truce is a path to nowhere" in quotes_001
    assert quotes_001[-1] == "the impossibility of violating these agreements"
    assert quotes_000 == quotes_001[:4]


def test_detect_language() -> None:
    assert detect_language("Russia says the United States must make the first move toward peace.") == "en"
    assert detect_language("Russland fordert, dass die Vereinigten Staaten den ersten Schritt machen.") == "de"
    assert detect_language("12345 -- !!!") == "und"


# --- the stage on the seeds ----------------------------------------------------------


def test_seed_batch_schemas_and_rows(seed_batch: NormalisedBatch) -> None:
    assert seed_batch.articles.schema.equals(ARTICLE)
    assert seed_batch.attributions.schema.equals(ATTRIBUTION)
    assert seed_batch.quotes.schema.equals(QUOTE)
    assert seed_batch.articles.column("article_id").to_pylist() == ["000", "001"]


def test_seed_clean_text(seed_batch: NormalisedBatch) -> None:
    for article in seed_batch.articles.to_pylist():
        clean = article["clean_text"]
        assert "Listen To Story Above" not in clean
        assert "’" not in clean and "“" not in clean and "”" not in clean
        assert "\n\n" not in clean
        assert article["content_hash"] == hashlib.sha1(clean.encode("utf-8")).hexdigest()
        assert article["lang"] == "en"
        assert article["byline"] is None and article["dateline"] is None
    first = seed_batch.articles.to_pylist()[0]["clean_text"]
    assert first.startswith("Russia demands US make first move for peace\nRussia has set a clear condition")
    assert "Lavrov's statement" in first


def test_seed_attributions(seed_batch: NormalisedBatch) -> None:
    def found(article_id: str) -> list[tuple[str, str, str]]:
        return [(r["source"], r["kind"], r["phrase"]) for r in rows_of(seed_batch.attributions, article_id)]

    assert found("000") == [
        ("Fox News", "outlet", "during a Fox News appearance"),
        ("Reuters", "wire", "Reuters reports"),
    ]
    assert found("001") == [
        ("Fox News", "outlet", "told Fox News"),
        ("Reuters", "wire", "Reuters reports"),
        ("Reuters", "wire", "the Reuters report details"),
    ]


def test_seed_quotes(seed_batch: NormalisedBatch) -> None:
    quotes_000 = rows_of(seed_batch.quotes, "000")
    quotes_001 = rows_of(seed_batch.quotes, "001")
    assert [q["quote_index"] for q in quotes_000] == [0, 1, 2, 3]
    assert [q["quote_index"] for q in quotes_001] == [0, 1, 2, 3, 4]
    assert quotes_000[2]["quote"] == quotes_001[2]["quote"] == "A truce is a path to nowhere"
    assert quotes_001[4]["quote"] == "the impossibility of violating these agreements"


def test_normalise_articles_keeps_given_language_and_empty_articles() -> None:
    records: list[dict[str, str | None]] = [
        {"article_id": "a", "outlet": "x.com", "lang": "EN-us", "text": "Ein kurzer deutscher Satz hier."},
        {"article_id": "b", "outlet": "x.com", "text": "Advertisement\n\nListen to this article"},
        {"article_id": "c", "outlet": "x.com", "text": "\u200b"},
    ]
    articles = normalise_articles(raw_table(records)).articles.to_pylist()
    assert len(articles) == 3
    assert articles[0]["lang"] == "en"
    assert articles[1]["clean_text"] == "Advertisement\nListen to this article"
    assert articles[2]["clean_text"] == "\u200b"
    assert articles[2]["lang"] is None


def test_normalise_articles_empty_table() -> None:
    batch = normalise_articles(RAW_ARTICLE.empty_table())
    assert batch.articles.num_rows == batch.attributions.num_rows == batch.quotes.num_rows == 0
    assert batch.articles.schema.equals(ARTICLE)


def test_copyright_line_is_removed_but_credits_the_wire() -> None:
    text = "Drones hit Kyiv overnight.\n\nCopyright 2024 The Associated Press. All rights reserved."
    batch = normalise_articles(raw_table([{"article_id": "p", "outlet": "x.com", "text": text}]))
    assert batch.articles.column("clean_text").to_pylist() == ["Drones hit Kyiv overnight."]
    assert batch.attributions.to_pylist() == [
        {"article_id": "p", "source": "AP", "kind": "wire", "phrase": "Copyright 2024 The Associated Press"}
    ]


def test_normalise_articles_in_a_process_pool_equals_in_process() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    from workbench.synth import generate_corpus

    records: list[dict[str, str | None]] = [
        {"article_id": str(r["id"]), "outlet": str(r["outlet"]), "text": str(r["text"])}
        for r in generate_corpus(12, seed=3).records()
    ]
    raw = raw_table(records)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        parallel = normalise_articles(raw, partial(pool.map, chunksize=4))
    serial = normalise_articles(raw)
    assert parallel.articles.num_rows == len(records) > 20
    assert parallel.articles.equals(serial.articles)
    assert parallel.attributions.equals(serial.attributions) and parallel.quotes.equals(serial.quotes)


def test_generated_page_noise_is_cleaned_and_a_photo_agency_is_not_a_source(tmp_path) -> None:
    """The generator's page noise (workbench.synth.stories._page_noise): photo captions credited to another
    wire than the story's, leading date tokens, menu labels and cookie notices. None may reach the
    clean text, and the photo's agency is never an attribution of the article."""
    from wiretrace.ingest import read_inputs
    from workbench.synth import WIRES, generate_corpus, strip_page_noise, write_jsonl

    corpus = generate_corpus(120, seed=17)
    story_wire = {a.story_key: a.outlet for a in corpus.articles if a.kind in ("wire_original", "same_event")}
    story_wire |= {a.story_key: a.parent_source for a in corpus.articles if a.parent_source}
    noisy = [a for a in corpus.articles if a.text != strip_page_noise(a.text)]
    path = tmp_path / "noisy.jsonl"
    write_jsonl(noisy, path)
    batch = normalise_articles(read_inputs([path]).articles)
    assert len(noisy) > 40
    clean = {row["article_id"]: row["clean_text"] for row in batch.articles.to_pylist()}
    cited: dict[str, set[str]] = {}
    for row in batch.attributions.to_pylist():
        cited.setdefault(row["article_id"], set()).add(row["source"])
    captions = 0
    for a in noisy:
        text = clean[a.article_id]
        assert not text.startswith("date ") and "cookie" not in text and "Top News" not in text, a.article_id
        assert " arrives for a meeting in " not in text and "Residents gather outside" not in text, a.article_id
        kept = set(strip_page_noise(a.text).split("\n\n"))
        noise = " ".join(p for p in a.text.split("\n\n") if p not in kept)
        photo_wires = {w.name for w in WIRES if re.search(rf"\b{re.escape(w.name)}\b", noise, re.IGNORECASE)}
        photo_wires.discard(story_wire[a.story_key])
        captions += bool(photo_wires)
        assert not cited.get(a.article_id, set()) & photo_wires, a.article_id
    assert captions > 10
