"""Every dashboard page under Streamlit's AppTest, on warehouses built by the real flow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, SEED_000, SEED_001

APP = str(ROOT / "dashboard" / "app.py")
PAGES = ["screens/overview.py", "screens/story.py", "screens/outlet.py", "screens/search.py"]


def _app(db: Path, monkeypatch: pytest.MonkeyPatch, page: str | None = None, **query: str) -> AppTest:
    monkeypatch.setenv("WIRETRACE_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page:
        for key, value in query.items():
            at.query_params[key] = value
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_overview_shows_the_reuters_story(seeds_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(seeds_warehouse, monkeypatch)
    assert at.title[0].value.startswith("wiretrace")
    assert _metrics(at) == {
        "articles": "2",
        "stories": "1",
        "stories with copies": "1",
        "outlets": "1",
        "cited wires": "1",
    }
    largest = at.dataframe[0].value
    assert largest["root_article_id"].tolist() == [SEED_001]
    assert largest["wire_source"].tolist() == ["Reuters"]
    assert len(at.get("vega_lite_chart")) == 3


def test_story_page_draws_lineage_and_compares_the_seeds(
    seeds_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(seeds_warehouse, monkeypatch, "screens/story.py")
    assert at.title[0].value.startswith("Moscow will work with President-elect Donald Trump")
    text = _markdown(at)
    assert f"cited wire **Reuters** → root article **{SEED_001}**" in text
    assert "**4 shared quotes**" in text
    assert _metrics(at)["articles"] == "2"
    members = at.dataframe[0].value
    assert dict(zip(members["article"], members["parent"], strict=True)) == {
        SEED_001: "Reuters (cited source)",
        SEED_000: SEED_001,
    }
    assert len(at.get("vega_lite_chart")) == 1
    # No cell reads "None": 000 has no date, the root no depth below a parent article.
    assert dict(zip(members["article"], members["published"], strict=True))[SEED_000] == "—"
    assert "None" not in members.astype(str).to_numpy().ravel().tolist()
    chart = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    data = [v for layer in chart["layer"] for v in layer["data"].get("values", [])]
    edge_relations = {v["relation"] for v in data if "relation" in v}
    assert edge_relations == set(members["relation"]) - {"original"} and "cites" not in edge_relations
    assert {v["kind"] for v in data if v.get("label", "").startswith("Reuters")} == {"cited source"}
    left, right = (h.proto.body for h in at.get("html"))
    assert left.count('class="quote"') == 4 and right.count('class="quote"') == 4
    assert "a truce is a path to nowhere" in left.lower()


def test_outlet_page(seeds_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(seeds_warehouse, monkeypatch, "screens/outlet.py", outlet="unknown")
    assert at.title[0].value == "unknown"
    metrics = _metrics(at)
    assert metrics["articles"] == "2" and metrics["derived from a source"] == "2"
    assert metrics["median pickup"] == "—"  # 000 has no date: no measurable pickup


@pytest.mark.parametrize(("param", "column"), [("story", "story_id"), ("outlet", "outlet")])
def test_a_link_to_an_unknown_story_or_outlet_says_so_and_lists_them(
    seeds_warehouse: Path, monkeypatch: pytest.MonkeyPatch, param: str, column: str
) -> None:
    """A shared link from another warehouse never shows another story or outlet in its place."""
    at = _app(seeds_warehouse, monkeypatch, f"screens/{param}.py", **{param: "st-not-here"})
    assert [e.value for e in at.error] == [f"No {param} 'st-not-here' in this warehouse. Pick one below."]
    assert not at.title and not at.metric  # nothing of another story or outlet is shown
    listed = at.dataframe[0].value
    assert len(listed) == 1  # the seeds: one story, one outlet
    value = listed[column].iloc[0]
    if param == "outlet":
        assert value == "unknown"
    else:
        assert value.startswith("st-")
    assert listed["open"].iloc[0] == f"{param}?{param}={value}"


def test_search_filters(seeds_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(seeds_warehouse, monkeypatch, "screens/search.py")
    assert set(at.dataframe[0].value["article_id"]) == {SEED_000, SEED_001}
    at.text_input(key="text").input("Moscow").run()
    assert len(at.dataframe[0].value) == 2
    at.selectbox(key="wire").select("Reuters").run()
    assert len(at.dataframe[0].value) == 2
    at.text_input(key="text").input("no headline says this").run()
    assert len(at.dataframe[0].value) == 0
    assert at.caption[0].value == "0 articles"
    at.text_input(key="text").input("").run()
    at.multiselect(key="relations").select("original").run()
    assert len(at.dataframe[0].value) == 0  # both seeds have a primary parent (001 cites Reuters)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_a_synthetic_warehouse(
    page: str, synthetic_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(synthetic_warehouse, monkeypatch, page)
    assert not at.error
    if page.endswith("overview.py"):
        assert int(_metrics(at)["stories"]) > 20
        assert len(at.dataframe[0].value) == 20
    if page.endswith("story.py"):
        # The largest story is picked first; its lineage chart and an aligned pair are shown.
        assert int(_metrics(at)["articles"]) >= 3
        assert len(at.get("vega_lite_chart")) == 1
        assert 'class="aligned"' in at.get("html")[0].proto.body
    if page.endswith("outlet.py"):
        assert len(at.get("vega_lite_chart")) >= 2
    if page.endswith("search.py"):
        assert len(at.dataframe[0].value) > 20


def test_story_page_follows_the_link_parameter(synthetic_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _app(synthetic_warehouse, monkeypatch, "screens/search.py").dataframe[0].value
    story_id = first["story_id"].iloc[-1]
    at = _app(synthetic_warehouse, monkeypatch, "screens/story.py", story=story_id)
    assert at.selectbox(key="story").value == story_id


def test_health_page_shows_successes_failures_and_crashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefect_harness: None
) -> None:
    import json
    import shutil

    from flows.run import wiretrace_run
    from warehouse.session import Holder

    db = tmp_path / "w.duckdb"
    wiretrace_run(db=str(db))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "b1", "outlet": "X", "text": ""}) + "\n")
    with pytest.raises(Exception, match="read no usable article"):
        wiretrace_run(paths=[str(bad)], db=str(db))
    dead = Holder("r-20240101T000000-deadbeef", 2**22 + 7, "elsewhere", "2024-01-01T00:00:00+00:00")
    db.with_name(db.name + ".lock").write_text(json.dumps(dead.__dict__))
    shutil.copyfile(db, db.with_name(f"{db.name}.run-{dead.run_id}.tmp"))
    wiretrace_run(db=str(db))  # finds the dead run and records it as crashed

    at = _app(db, monkeypatch, "screens/health.py")
    metrics = _metrics(at)
    assert metrics["last successful run"].endswith("UTC") and metrics["last successful poll"] == "never"
    assert metrics["failed runs (7 days)"] == "1" and metrics["crashed runs (7 days)"] == "0"  # crashed in 2024
    assert metrics["runs marked running"] == "0"
    assert len(at.get("vega_lite_chart")) == 1  # the seeds, stored just now
    quarantine = at.dataframe[0].value
    assert quarantine["reason"].tolist() == ["empty text"] and quarantine["records"].tolist() == [1]
    runs = at.dataframe[1].value
    assert sorted(runs["status"].tolist()) == ["crashed", "failed"]
    assert dead.run_id in runs["run_id"].tolist()
    assert "No failed request." in "\n".join(s.value for s in at.success)
