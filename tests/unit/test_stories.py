"""Story clustering: transitive rewrites join, collectors do not chain, ids stay stable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from wiretrace.stories import StoryLink, StoryMerge, cluster_stories, new_story_id, recluster_region

T0 = datetime(2024, 12, 26, tzinfo=UTC)


def _at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def test_every_article_gets_a_story_singletons_included() -> None:
    result = cluster_stories(["a", "b", "c"], [StoryLink("a", "b", 0.5, 0.4, 0.4)], {})
    assert set(result.story_of) == {"a", "b", "c"}
    assert result.story_of["a"] == result.story_of["b"] != result.story_of["c"]


def test_chain_of_rewrites_is_one_story() -> None:
    links = [StoryLink("a", "b", 0.4, 0.3, 0.3), StoryLink("b", "c", 0.4, 0.3, 0.3)]
    result = cluster_stories(["a", "b", "c"], links, {"a": _at(0), "b": _at(1), "c": _at(2)})
    assert len(set(result.story_of.values())) == 1


def test_roundup_does_not_glue_two_stories() -> None:
    # x and y are two stories; "roundup" (later) contains most of each and much else.
    dates = {"x": _at(0), "y": _at(1), "roundup": _at(5)}
    links = [
        StoryLink("roundup", "x", 0.6, 0.2, 0.9),  # containment_ab: roundup in x; containment_ba: x in roundup
        StoryLink("roundup", "y", 0.5, 0.2, 0.8),
    ]
    result = cluster_stories(["x", "y", "roundup"], links, dates)
    assert result.story_of["roundup"] == result.story_of["x"]
    assert result.story_of["y"] != result.story_of["x"]


def test_excerpts_of_one_original_all_join_it() -> None:
    dates = {"orig": _at(0), "e1": _at(1), "e2": _at(2)}
    links = [StoryLink("e1", "orig", 0.6, 0.95, 0.3), StoryLink("e2", "orig", 0.5, 0.9, 0.3)]
    result = cluster_stories(dates, links, dates)
    assert len(set(result.story_of.values())) == 1


def test_ids_are_deterministic_and_derived_from_first_member() -> None:
    dates = {"late": _at(3), "early": _at(1)}
    result = cluster_stories(dates, [StoryLink("early", "late", 0.5, 0.5, 0.5)], dates)
    assert result.story_of["late"] == new_story_id("early")
    again = cluster_stories(dates, [StoryLink("early", "late", 0.5, 0.5, 0.5)], dates)
    assert again == result


def test_story_keeps_its_id_when_it_grows_and_oldest_survives_a_merge() -> None:
    dates = {"a": _at(0), "b": _at(1), "c": _at(2), "d": _at(3)}
    previous = {"a": "st-old", "b": "st-old", "c": "st-young"}
    age = {"st-old": 1, "st-young": 2}
    links = [
        StoryLink("a", "b", 0.5, 0.5, 0.5),
        StoryLink("b", "c", 0.4, 0.4, 0.4),
        StoryLink("c", "d", 0.4, 0.4, 0.4),
    ]
    result = cluster_stories(dates, links, dates, previous, age)
    assert set(result.story_of.values()) == {"st-old"}
    assert [(m.survivor, m.merged) for m in result.merges] == [("st-old", "st-young")]


def test_undated_articles_do_not_chain_reports_further_apart_than_the_window() -> None:
    # june and september are two reports three months apart; "undated" shares a stock paragraph
    # with each. Without a span limit it glues them; with one it joins only the stronger side.
    dates = {"june": _at(0), "september": _at(24 * 98), "undated": None}
    links = [StoryLink("june", "undated", 0.5, 0.3, 0.3), StoryLink("september", "undated", 0.4, 0.3, 0.3)]
    glued = cluster_stories(dates, links, dates)
    assert len(set(glued.story_of.values())) == 1
    kept = cluster_stories(dates, links, dates, max_span=timedelta(days=14))
    assert kept.story_of["undated"] == kept.story_of["june"] != kept.story_of["september"]


def test_span_limit_keeps_a_story_within_the_window_whole() -> None:
    dates = {"a": _at(0), "b": _at(24 * 5), "c": None, "d": _at(24 * 13)}
    links = [StoryLink("a", "c", 0.5, 0.3, 0.3), StoryLink("c", "b", 0.4, 0.3, 0.3), StoryLink("b", "d", 0.3, 0.3, 0.3)]
    result = cluster_stories(dates, links, dates, max_span=timedelta(days=14))
    assert len(set(result.story_of.values())) == 1


def test_region_of_new_articles_only_creates_stories_with_their_smallest_member_first() -> None:
    dates = {"b": _at(0), "a": _at(1), "c": _at(2)}
    changes = recluster_region(dates, [StoryLink("a", "b", 0.5, 0.5, 0.5)], [], ["a", "b", "c"])
    ab, c = new_story_id("b"), new_story_id("c")  # ids come from the earliest member
    assert changes.touched == tuple(sorted([ab, c]))
    assert sorted(changes.members) == [("a", ab), ("b", ab), ("c", c)]
    assert changes.gone == () and changes.merges == ()
    assert list(changes.new) == sorted([(ab, "a"), (c, "c")])  # first member: the smallest id, not the earliest
    assert changes.alive == list(changes.touched)


def test_a_stored_story_that_grows_keeps_its_id_and_is_not_new() -> None:
    dates = {"a": _at(0), "b": _at(1), "x": _at(2)}
    stored = [("a", "st-old", 1), ("b", "st-old", 1)]
    changes = recluster_region(
        dates, [StoryLink("a", "b", 0.5, 0.5, 0.5), StoryLink("b", "x", 0.4, 0.4, 0.4)], stored, ["x"]
    )
    assert changes.touched == ("st-old",)
    assert sorted(changes.members) == [("a", "st-old"), ("b", "st-old"), ("x", "st-old")]
    assert changes.new == () and changes.gone == ()


def test_unchanged_stored_story_is_untouched_unless_a_member_was_revised() -> None:
    dates = {"a": _at(0), "b": _at(1)}
    stored = [("a", "st-old", 1), ("b", "st-old", 1)]
    links = [StoryLink("a", "b", 0.5, 0.5, 0.5)]
    assert recluster_region(dates, links, stored, []).touched == ()
    revised = recluster_region(dates, links, stored, ["b"])
    assert revised.touched == ("st-old",) and revised.alive == ["st-old"]
    assert sorted(revised.members) == [("a", "st-old"), ("b", "st-old")] and revised.new == ()


def test_merge_touches_both_stories_and_the_younger_is_gone() -> None:
    dates = {"a": _at(0), "b": _at(1), "bridge": _at(2)}
    stored = [("a", "st-old", 1), ("b", "st-young", 2)]
    links = [StoryLink("a", "bridge", 0.5, 0.4, 0.4), StoryLink("b", "bridge", 0.4, 0.4, 0.4)]
    changes = recluster_region(dates, links, stored, ["bridge"])
    assert changes.touched == ("st-old", "st-young")
    assert changes.gone == ("st-young",) and changes.alive == ["st-old"]
    assert changes.merges == (StoryMerge(survivor="st-old", merged="st-young"),)
    assert sorted(changes.members) == [("a", "st-old"), ("b", "st-old"), ("bridge", "st-old")]
    assert changes.new == ()


def test_split_story_keeps_its_id_for_the_larger_part_and_the_rest_is_new() -> None:
    # a, b, c were one story; a new version of c no longer matches b, so c leaves it.
    dates = {"a": _at(0), "b": _at(1), "c": _at(2)}
    stored = [("a", "st-old", 1), ("b", "st-old", 1), ("c", "st-old", 1)]
    changes = recluster_region(dates, [StoryLink("a", "b", 0.5, 0.5, 0.5)], stored, ["c"])
    assert changes.touched == tuple(sorted(["st-old", new_story_id("c")]))
    assert sorted(changes.members) == sorted([("a", "st-old"), ("b", "st-old"), ("c", new_story_id("c"))])
    assert changes.new == ((new_story_id("c"), "c"),) and changes.gone == ()
