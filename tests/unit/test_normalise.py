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

from wiretrace.normalise import (
    NormalisedBatch,
    detect_language,
    extract_byline,
    extract_dateline,
    extract_quotes,
    is_static_boilerplate,
    normalise_articles,
    normalise_text,
    repeated_outlet_lines,
    split_boilerplate,
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

    from wiretrace.synth import generate_corpus

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
