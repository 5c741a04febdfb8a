"""Assign every article to a story, keeping story ids stable."""

from __future__ import annotations

from datetime import timedelta

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from warehouse.connection import sql
from wiretrace.stories import StoryLink, cluster_stories


@task(name="stories", cache_policy=NO_CACHE)
def stories_task(work: str, run_id: str, max_span: timedelta | None = None) -> list[str]:
    """Re-cluster the run's region of the pair graph (its new articles and all they connect
    to); store memberships that changed; return the stories touched."""
    with transaction(work) as con:
        con.execute(sql("story_region"), {"run_id": run_id})
        links = [StoryLink(*row) for row in con.execute(sql("story_links")).fetchall()]
        dates = dict(con.execute(sql("article_dates")).fetchall())
        state = con.execute(sql("story_state")).fetchall()
        previous = {article_id: story_id for article_id, story_id, _ in state}
        age = {story_id: story_age for _, story_id, story_age in state}
        assignment = cluster_stories(dates.keys(), links, dates, previous, age, max_span)

        changed = {a: s for a, s in assignment.story_of.items() if previous.get(a) != s}
        # A new version of a stored article changes its story's lineage even when its story stays.
        revised = [a for (a,) in con.execute(sql("run_articles"), {"run_id": run_id}).fetchall() if a in previous]
        touched = sorted(
            set(changed.values())
            | {previous[a] for a in changed if a in previous}
            | {assignment.story_of[a] for a in revised}
        )
        alive = set(assignment.story_of.values())
        touched_set = set(touched)
        members = [(a, s) for a, s in assignment.story_of.items() if s in touched_set]
        con.execute("DELETE FROM wt.story_members WHERE story_id IN (SELECT unnest($t::VARCHAR[]))", {"t": touched})
        con.execute(
            "DELETE FROM wt.story_members WHERE article_id IN (SELECT unnest($a::VARCHAR[]))",
            {"a": [a for a, _ in members]},
        )
        if members:
            con.execute(
                "INSERT INTO wt.story_members SELECT unnest($a::VARCHAR[]), unnest($s::VARCHAR[]), $run_id",
                {"a": [a for a, _ in members], "s": [s for _, s in members], "run_id": run_id},
            )
        gone = [s for s in touched if s not in alive]
        con.execute("DELETE FROM wt.stories WHERE story_id IN (SELECT unnest($g::VARCHAR[]))", {"g": gone})
        new = sorted(s for s in touched if s in alive and s not in age)
        first = {s: a for a, s in sorted(members, reverse=True)}
        next_age = (con.execute("SELECT coalesce(max(age), 0) FROM wt.stories").fetchone() or [0])[0] + 1
        con.execute(
            sql("insert_new_stories"),
            {"story_ids": new, "first_members": [first[s] for s in new], "first_age": next_age, "run_id": run_id},
        )
        for merge in assignment.merges:
            con.execute("INSERT INTO wt.story_merges VALUES (?, ?, ?)", [merge.survivor, merge.merged, run_id])
    affected = sorted(s for s in touched if s in alive)
    get_run_logger().info(
        "%d stories touched (%d new, %d merged away)", len(affected), len(new), len(assignment.merges)
    )
    return affected
