"""The polling flow end to end: feeds and pages served on 127.0.0.1 into a real warehouse."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from cli.commands import main
from flows.poll import wiretrace_poll
from flows.run import wiretrace_run
from tests.conftest import SEED_000, SEED_001, seed_text
from tests.httpserver import LocalServer, Reply, article_html, rss
from warehouse.connection import connect_reader
from wiretrace.params import FetchParams

pytestmark = pytest.mark.usefixtures("prefect_harness")

FAST = FetchParams(
    connect_timeout=1.0,
    read_timeout=1.0,
    max_seconds=5.0,
    retries=1,
    backoff=0.01,
    host_interval=0.0,
    max_bytes=200_000,
)
QUAKE = [
    "A strong earthquake struck the northern coast on Friday, officials said, damaging buildings "
    "and cutting power to thousands of homes across the region.",
    "Rescue teams were sent to the worst-hit towns, and the national weather service warned of "
    "aftershocks over the coming days.",
]
TABLES = ("articles", "article_versions", "pairs", "story_members", "edges", "quarantine", "fetch_log", "runs")


def _page(stem: str) -> bytes:
    text = seed_text(stem).removeprefix(" date 2024-12-26 ")
    paragraphs = [html.escape(p.strip()) for p in text.split("\n") if p.strip()]
    return article_html(paragraphs[0][:60], paragraphs).encode()


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = connect_reader(db)
    try:
        return {t: sorted(map(tuple, con.execute(f"SELECT * FROM wt.{t}").fetchall()), key=repr) for t in TABLES}
    finally:
        con.close()


def _news_site(server: LocalServer, etag: str = '"feed-1"') -> str:
    """A feed of two related stories, one unrelated story behind a redirect, and five bad entries."""
    server.serve("/news/lavrov", Reply(body=_page(SEED_001), etag='"p1"'))
    server.serve("/news/first-move", Reply(body=_page(SEED_000)))
    quake = article_html("Quake hits coast", QUAKE).replace(
        "<head>", "<head><meta property='og:site_name' content='Coast Gazette'>"
    )
    server.serve("/news/quake", Reply(body=quake.encode()))
    server.serve("/go/quake", Reply(status=301, headers={"Location": "/news/quake"}, content_type=None))
    server.serve(
        "/news/app", Reply(body=b"<html><head><title>App</title></head><body><div id='app'></div></body></html>")
    )
    server.serve("/news/huge", Reply(body=b"<html><body><p>" + b"word " * 100_000 + b"</p></body></html>"))
    server.serve("/news/report.pdf", Reply(body=b"%PDF-1.7 ...", content_type="application/pdf"))
    items = [
        {
            "title": "Lavrov: Washington must move first",
            "link": server.url("/news/lavrov"),
            "guid": "n-1",
            "pubDate": "Thu, 26 Dec 2024 09:00:00 GMT",
        },
        {
            "title": "Russia demands US make first move",
            "link": server.url("/news/first-move"),
            "pubDate": "Fri, 27 Dec 2024 11:30:00 GMT",
        },
        {"title": "Quake hits coast", "link": server.url("/go/quake"), "pubDate": "Fri, 27 Dec 2024 12:00:00 GMT"},
        {"title": "Missing", "link": server.url("/news/missing")},
        {"title": "App shell", "link": server.url("/news/app")},
        {"title": "Huge", "link": server.url("/news/huge")},
        {"title": "Report", "link": server.url("/news/report.pdf")},
        {"title": "No link", 'guid isPermaLink="false"': "n-nolink"},
    ]
    return server.serve("/feed.xml", Reply(body=rss(items).encode(), content_type="application/rss+xml", etag=etag))


def test_poll_lands_articles_records_failures_and_a_second_poll_does_nothing(
    local_server: LocalServer, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    feed = _news_site(local_server)
    summary = wiretrace_poll(feeds=[feed], db=str(db), fetch=FAST)
    assert summary["new_articles"] == 3 and summary["failed_requests"] == 2

    con = connect_reader(db)
    rows = con.execute(
        "SELECT url, outlet, published_at::VARCHAR, story_id, version FROM lineage.articles ORDER BY published_at"
    ).fetchall()
    # Outlets: the page's own name (og:site_name), else the feed's title ("Example Wire"), never the host.
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        (local_server.url("/news/lavrov"), "Example Wire", "2024-12-26 09:00:00+00", 1),
        (local_server.url("/news/first-move"), "Example Wire", "2024-12-27 11:30:00+00", 1),
        (local_server.url("/news/quake"), "Coast Gazette", "2024-12-27 12:00:00+00", 1),  # the URL after the redirect
    ]
    assert rows[0][3] == rows[1][3] != rows[2][3]  # the rewrite joins the Lavrov story, the quake does not
    failed = dict(con.execute("SELECT url, reason FROM lineage.fetch_log WHERE outcome = 'failed'").fetchall())
    assert set(failed) == {local_server.url("/news/missing"), local_server.url("/news/huge")}
    assert "HTTP 404" in failed[local_server.url("/news/missing")]
    assert "byte limit" in failed[local_server.url("/news/huge")]
    quarantined = dict(con.execute("SELECT record_ref, reason FROM lineage.quarantine").fetchall())
    assert quarantined[f"entry {local_server.url('/news/app')}"] == "no article text found in HTML"
    assert "application/pdf, not HTML" in quarantined[f"entry {local_server.url('/news/report.pdf')}"]
    assert quarantined["entry n-nolink"] == "feed entry has no link"
    run = con.execute("SELECT flow_run_id, inputs FROM lineage.runs").fetchone()
    assert run is not None and run[0] and json.loads(run[1]) == [feed]
    con.close()

    before, requests_before = _snapshot(db), local_server.total()
    second = wiretrace_poll(feeds=[feed], db=str(db), fetch=FAST)
    assert second["run_id"] is None
    assert local_server.total() - requests_before == 1  # the feed, answered 304; no page
    assert local_server.request_headers[-1][1]["if-none-match"] == '"feed-1"'
    assert _snapshot(db) == before


def test_feed_without_validators_and_the_same_body_fetches_no_page(local_server: LocalServer, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    page = local_server.serve("/q", Reply(body=article_html("Quake hits coast", QUAKE).encode()))
    feed = local_server.serve("/plain.xml", Reply(body=rss([{"title": "Quake", "link": page}]).encode()))
    assert wiretrace_poll(feeds=[feed], db=str(db), fetch=FAST)["new_articles"] == 1
    before = local_server.total()
    assert wiretrace_poll(feeds=[feed], db=str(db), fetch=FAST)["run_id"] is None
    assert local_server.total() - before == 1 and local_server.hits["/q"] == 1


def test_a_changed_page_becomes_a_new_version_of_the_article(local_server: LocalServer, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    feed = _news_site(local_server)
    wiretrace_poll(feeds=[feed], db=str(db), fetch=FAST)
    con = connect_reader(db)
    ((article_id, story_id),) = con.execute(
        "SELECT article_id, story_id FROM lineage.articles WHERE url = ?", [local_server.url("/news/quake")]
    ).fetchall()
    con.close()

    corrected = [*QUAKE, "The death toll rose to twelve on Saturday, the regional governor said in a statement."]
    local_server.serve("/news/quake", Reply(body=article_html("Quake hits coast", corrected).encode()))
    feed_body = local_server._routes["/feed.xml"][0].body.replace(b"Quake hits coast", b"Quake hits coast, 12 dead")
    local_server.serve("/feed.xml", Reply(body=feed_body, content_type="application/rss+xml", etag='"feed-2"'))
    hits = dict(local_server.hits)
    summary = wiretrace_poll(feeds=[feed], db=str(db), fetch=FAST)
    assert (summary["new_articles"], summary["revised_articles"]) == (0, 1)
    assert local_server.hits["/news/quake"] == hits["/news/quake"] + 1
    assert local_server.hits["/news/lavrov"] == hits["/news/lavrov"]  # unchanged entries: no page fetch

    con = connect_reader(db)
    assert con.execute("SELECT count(*) FROM lineage.articles").fetchone() == (3,)
    row = con.execute(
        "SELECT version, story_id, title, first_seen_at < updated_at FROM lineage.articles WHERE article_id = ?",
        [article_id],
    ).fetchone()
    assert row == (2, story_id, "Quake hits coast, 12 dead", True)
    versions = con.execute(
        "SELECT version, is_latest, text FROM lineage.article_versions WHERE article_id = ? ORDER BY version",
        [article_id],
    ).fetchall()
    assert [(v, latest) for v, latest, _ in versions] == [(1, False), (2, True)]
    assert "death toll" not in versions[0][2] and "death toll rose to twelve" in versions[1][2]
    con.close()
    before = _snapshot(db)
    assert wiretrace_poll(feeds=[feed], db=str(db), fetch=FAST)["run_id"] is None
    assert _snapshot(db) == before


def test_a_transient_page_failure_is_retried_on_the_next_poll(local_server: LocalServer, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    page = local_server.serve(
        "/flaky", Reply(status=503), Reply(status=503), Reply(body=article_html("Quake", QUAKE).encode())
    )
    feed = local_server.serve("/f.xml", Reply(body=rss([{"title": "Quake", "link": page}]).encode(), etag='"f"'))
    first = wiretrace_poll(feeds=[feed], db=str(db), fetch=FAST)  # 503 twice (one retry): pending
    assert first["new_articles"] == 0 and first["failed_requests"] == 1
    con = connect_reader(db)
    assert con.execute("SELECT status, attempts FROM wt.feed_entries").fetchall() == [("pending", 1)]
    con.close()
    second = wiretrace_poll(feeds=[feed], db=str(db), fetch=FAST)  # feed 304, the pending page retried
    assert second["new_articles"] == 1
    con = connect_reader(db)
    assert con.execute("SELECT status FROM wt.feed_entries").fetchall() == [("done",)]
    con.close()
    assert wiretrace_poll(feeds=[feed], db=str(db), fetch=FAST)["run_id"] is None


def test_poll_command_and_its_errors(
    local_server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    page = local_server.serve("/q", Reply(body=article_html("Quake hits coast", QUAKE).encode()))
    feed = local_server.serve("/f.xml", Reply(body=rss([{"title": "Quake", "link": page}]).encode(), etag='"f"'))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{feed}\n", encoding="utf-8")
    assert main(["poll", "--feeds", str(feeds), "--db", str(db)]) == 0
    assert "articles new 1" in capsys.readouterr().out
    assert main(["poll", feed, "--db", str(db)]) == 0
    assert "nothing new in 1 feeds" in capsys.readouterr().out
    assert main(["poll", "not-a-url", "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'not-a-url' is not an http(s) URL" in err[0]


def test_same_url_with_changed_text_in_files_is_a_new_version(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    url = "https://www.example.com/news/quake"

    def write(name: str, paragraphs: list[str]) -> str:
        path = tmp_path / name
        record = {"url": url, "published_at": "2024-12-27", "text": "\n\n".join(paragraphs)}
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        return str(path)

    first = write("a.jsonl", QUAKE)
    wiretrace_run(paths=[first, str(Path(__file__).parents[2] / "seeds")], db=str(db))
    second = write("b.jsonl", [*QUAKE, "The death toll rose to twelve on Saturday, the regional governor said."])
    summary = wiretrace_run(paths=[second], db=str(db))
    assert (summary["new_articles"], summary["revised_articles"], summary["quarantined"]) == (0, 1, 0)
    before = _snapshot(db)
    assert wiretrace_run(paths=[second], db=str(db))["revised_articles"] == 0  # re-runs change nothing
    after = _snapshot(db)
    assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in before.items() if k != "runs"}
    con = connect_reader(db)
    assert con.execute("SELECT count(*), max(version) FROM lineage.articles WHERE url = ?", [url]).fetchone() == (1, 2)
    signed = con.execute(
        "SELECT count(*) FROM wt.signatures s JOIN wt.articles a USING (article_id) WHERE a.url = ?", [url]
    ).fetchone()
    assert signed == (1,)
    con.close()
