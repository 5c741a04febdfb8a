"""Lineage (parents, cited wires, roots) of the stories a run touched."""

from __future__ import annotations

import duckdb
import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from warehouse.connection import sql
from wiretrace.lineage import Member, infer_lineage
from wiretrace.shingles import text_shingles
from wiretrace.verify import pair_from_row

STORIES_PER_BATCH = 2000  # stories whose members' shingles are held in memory at once

_STORY_ROOT = pa.schema(
    [
        pa.field("story_id", pa.string()),
        pa.field("root_article_id", pa.string()),
        pa.field("wire_source", pa.string()),
        pa.field("headline", pa.string()),
    ]
)


@task(name="lineage", cache_policy=NO_CACHE)
def lineage_task(work: str, run_id: str, story_ids: list[str], shingle_size: int) -> int:
    """Recompute edges and story roots of ``story_ids`` (members compared on word
    ``shingle_size``-shingles), a batch of stories at a time; return the number of edges written."""
    written = 0
    with transaction(work) as con:
        for start in range(0, len(story_ids), STORIES_PER_BATCH):
            written += _lineage_of(con, run_id, story_ids[start : start + STORIES_PER_BATCH], shingle_size)
    get_run_logger().info("lineage of %d stories: %d edges", len(story_ids), written)
    return written


def _lineage_of(con: duckdb.DuckDBPyConnection, run_id: str, story_ids: list[str], shingle_size: int) -> int:
    rows: list[dict[str, object]] = []
    members_of: dict[str, list[str]] = {}
    for article_id, story_id in con.execute(
        "SELECT article_id, story_id FROM wt.story_members WHERE story_id IN (SELECT unnest($s::VARCHAR[]))",
        {"s": story_ids},
    ).fetchall():
        members_of.setdefault(story_id, []).append(article_id)
    all_ids = [a for ids in members_of.values() for a in ids]
    members = {
        r[0]: Member(
            r[0],
            r[1],
            r[2] or "",
            r[3],
            int(r[4]),
            tuple(tuple(c) for c in r[5]),
            frozenset(text_shingles(r[6], shingle_size)),
        )
        for r in con.execute(sql("lineage_members"), {"ids": all_ids}).fetchall()
    }
    pair_rows = con.sql(sql("lineage_pairs"), params={"ids": all_ids}).to_arrow_table().to_pylist()
    pairs_of: dict[str, list[dict[str, object]]] = {}
    story_of = {a: s for s, ids in members_of.items() for a in ids}
    for p in pair_rows:
        if story_of.get(str(p["a"])) == story_of.get(str(p["b"])):
            pairs_of.setdefault(story_of[str(p["a"])], []).append(p)

    con.execute("DELETE FROM wt.edges WHERE story_id IN (SELECT unnest($s::VARCHAR[]))", {"s": story_ids})
    con.execute("DELETE FROM wt.edges WHERE article_id IN (SELECT unnest($a::VARCHAR[]))", {"a": all_ids})
    roots: list[dict[str, object]] = []
    for story_id in story_ids:
        result = infer_lineage(
            story_id,
            [members[a] for a in members_of.get(story_id, [])],
            [pair_from_row(p) for p in pairs_of.get(story_id, [])],
        )
        roots.append(
            {
                "story_id": story_id,
                "root_article_id": result.root_article_id,
                "wire_source": result.wire_source,
                "headline": result.headline,
            }
        )
        rows.extend({**e.__dict__, "story_id": story_id, "run_id": run_id} for e in result.edges)
    con.register("story_roots", pa.Table.from_pylist(roots, schema=_STORY_ROOT))
    con.execute(sql("update_story_roots"), {"run_id": run_id})
    con.unregister("story_roots")
    if rows:
        con.register("new_edges", pa.Table.from_pylist(rows))
        con.execute(
            "INSERT INTO wt.edges SELECT article_id, parent_article_id, parent_source, relation, confidence, "
            "is_primary, evidence, story_id, run_id FROM new_edges"
        )
        con.unregister("new_edges")
    return len(rows)
