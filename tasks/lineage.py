"""Lineage (parents, cited wires, roots) of the stories a run touched."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from tasks._pool import Cluster, in_order, process_pool, worker_count
from warehouse.connection import sql
from wiretrace.lineage import Member, StoryLineage, infer_stories
from wiretrace.schemas import STORY_ROOT
from wiretrace.verify import PairEvidence, pair_from_row

STORIES_PER_BATCH = 2000  # stories whose members' texts are held in memory at once
#: Runs touching at least this many stories infer lineage on every core (starting workers costs ~2 s).
PARALLEL_MIN_STORIES = 2 * STORIES_PER_BATCH


@dataclass(frozen=True)
class _Batch:
    """What lineage needs of a batch of stories, read from the warehouse."""

    stories: list[tuple[str, list[Member], list[PairEvidence]]]
    texts: dict[str, str]

    @property
    def article_ids(self) -> list[str]:
        return list(self.texts)


@task(name="lineage", cache_policy=NO_CACHE)
def lineage_task(work: str, run_id: str, story_ids: list[str], shingle_size: int) -> int:
    """:func:`lineage` on this machine."""
    return lineage(work, run_id, story_ids, shingle_size)


def lineage(work: str, run_id: str, story_ids: list[str], shingle_size: int, cluster: Cluster | None = None) -> int:
    """Recompute edges and story roots of ``story_ids`` (members compared on word
    ``shingle_size``-shingles), a batch of ``STORIES_PER_BATCH`` stories at a time; return the
    number of edges written.

    Batches are independent: with many stories (or any, given ``cluster``) they are inferred in a
    pool of processes (or on the cluster's workers) while this one reads the next batch and writes
    the finished ones in batch order (same rows as in one process).

    On ``cluster``, call it from the flow, not from inside a task: a task submitted from a task
    carries that task's parameters to the worker.
    """
    written = 0
    workers = worker_count()
    with transaction(work) as con:
        batches = (
            _read_batch(con, story_ids[i : i + STORIES_PER_BATCH]) for i in range(0, len(story_ids), STORIES_PER_BATCH)
        )
        jobs = ((batch, (batch.stories, batch.texts, shingle_size)) for batch in batches)
        if cluster is not None:
            for batch, results in in_order(cluster, infer_stories, jobs, ahead=cluster.workers()):
                written += _write_batch(con, run_id, batch, results)
        elif workers > 1 and len(story_ids) >= PARALLEL_MIN_STORIES:
            with process_pool(workers) as pool:
                for batch, results in in_order(pool, infer_stories, jobs, ahead=workers):
                    written += _write_batch(con, run_id, batch, results)
        else:
            for batch, args in jobs:
                written += _write_batch(con, run_id, batch, infer_stories(*args))
    get_run_logger().info("lineage of %d stories: %d edges", len(story_ids), written)
    return written


def _read_batch(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> _Batch:
    members_of: dict[str, list[str]] = {s: [] for s in story_ids}
    for article_id, story_id in con.execute(sql("story_members_of"), {"story_ids": story_ids}).fetchall():
        members_of[story_id].append(article_id)
    all_ids = [a for ids in members_of.values() for a in ids]
    members, texts = {}, {}
    for r in con.execute(sql("lineage_members"), {"ids": all_ids}).fetchall():
        members[r[0]] = Member(r[0], r[1], r[2] or "", r[3], int(r[4]), tuple(tuple(c) for c in r[5]))
        texts[r[0]] = r[6]
    story_of = {a: s for s, ids in members_of.items() for a in ids}
    pairs_of: dict[str, list[PairEvidence]] = {s: [] for s in story_ids}
    for p in con.sql(sql("lineage_pairs"), params={"ids": all_ids}).to_arrow_table().to_pylist():
        if story_of.get(str(p["a"])) == story_of.get(str(p["b"])):
            pairs_of[story_of[str(p["a"])]].append(pair_from_row(p))
    stories = [(s, [members[a] for a in members_of[s]], pairs_of[s]) for s in story_ids]
    return _Batch(stories, texts)


def _write_batch(con: duckdb.DuckDBPyConnection, run_id: str, batch: _Batch, results: list[StoryLineage]) -> int:
    story_ids = [s for s, _, _ in batch.stories]
    con.execute(sql("delete_story_edges"), {"story_ids": story_ids})
    con.execute(sql("delete_article_edges"), {"article_ids": batch.article_ids})
    roots = [
        {
            "story_id": r.story_id,
            "root_article_id": r.root_article_id,
            "wire_source": r.wire_source,
            "headline": r.headline,
        }
        for r in results
    ]
    con.register("story_roots", pa.Table.from_pylist(roots, schema=STORY_ROOT))
    con.execute(sql("update_story_roots"), {"run_id": run_id})
    con.unregister("story_roots")
    rows = [{**e.__dict__, "story_id": r.story_id, "run_id": run_id} for r in results for e in r.edges]
    if rows:
        con.register("new_edges", pa.Table.from_pylist(rows))
        con.execute(sql("insert_edges"))
        con.unregister("new_edges")
    return len(rows)
