"""Assign every article to a story, keeping story ids stable."""

from __future__ import annotations

from datetime import timedelta

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from warehouse.connection import sql
from wiretrace.stories import StoryLink, recluster_region


@task(name="stories", cache_policy=NO_CACHE)
def stories_task(work: str, run_id: str, max_span: timedelta | None = None) -> list[str]:
    """Re-cluster the run's region of the pair graph (its new articles and all they connect
    to); store memberships that changed; return the stories touched that still exist."""
    with transaction(work) as con:
        con.execute(sql("story_region"), {"run_id": run_id})
        links = [StoryLink(*row) for row in con.execute(sql("story_links")).fetchall()]
        dates = dict(con.execute(sql("article_dates")).fetchall())
        stored = con.execute(sql("story_state")).fetchall()
        written = [a for (a,) in con.execute(sql("run_articles"), {"run_id": run_id}).fetchall()]

        changes = recluster_region(dates, links, stored, written, max_span)

        member_ids = [a for a, _ in changes.members]
        con.execute(sql("delete_story_members"), {"story_ids": list(changes.touched)})
        con.execute(sql("delete_article_memberships"), {"article_ids": member_ids})
        if changes.members:
            con.execute(
                sql("insert_story_members"),
                {"article_ids": member_ids, "story_ids": [s for _, s in changes.members], "run_id": run_id},
            )
        con.execute(sql("delete_stories"), {"story_ids": list(changes.gone)})
        con.execute(
            sql("insert_new_stories"),
            {
                "story_ids": [s for s, _ in changes.new],
                "first_members": [a for _, a in changes.new],
                "run_id": run_id,
            },
        )
        for merge in changes.merges:
            con.execute(
                sql("insert_story_merge"), {"survivor": merge.survivor, "merged": merge.merged, "run_id": run_id}
            )
    affected = changes.alive
    get_run_logger().info(
        "%d stories touched (%d new, %d merged away)", len(affected), len(changes.new), len(changes.merges)
    )
    return affected
