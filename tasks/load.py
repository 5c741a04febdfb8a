"""Open the run in the warehouse and store new articles, their quotes, attributions and rejects."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import migrate_working_copy, transaction
from warehouse.connection import sql
from warehouse.parts import listed_parts, parts_holding, thaw_parts
from wiretrace.failures import count_by_kind, merge_counts
from wiretrace.incremental import StoredArticle, split_new_articles
from wiretrace.normalise import NormalisedBatch
from wiretrace.params import PipelineParams
from wiretrace.schemas import REJECT


@dataclass(frozen=True)
class LoadCounts:
    new_articles: int = 0
    revised_articles: int = 0
    already_stored: int = 0
    rejected: int = 0
    #: Rejected records by reason kind (:func:`wiretrace.failures.reason_kind`), most frequent first.
    rejected_by_reason: tuple[tuple[str, int], ...] = ()

    def __add__(self, other: LoadCounts) -> LoadCounts:
        return LoadCounts(
            self.new_articles + other.new_articles,
            self.revised_articles + other.revised_articles,
            self.already_stored + other.already_stored,
            self.rejected + other.rejected,
            tuple(merge_counts(dict(self.rejected_by_reason), dict(other.rejected_by_reason)).items()),
        )


#: The quarantine reason of an input file that holds no record at all.
EMPTY_FILE = "empty file: no records"


@task(name="open-run", cache_policy=NO_CACHE)
def open_run_task(
    work: str,
    run_id: str,
    flow_run_id: str | None,
    params: PipelineParams,
    inputs: list[str],
    versions: dict[str, str],
) -> None:
    """Migrate the working copy and record the run as started."""
    applied = migrate_working_copy(work)
    with transaction(work) as con:
        con.execute(
            sql("start_run"),
            {
                "run_id": run_id,
                "flow_run_id": flow_run_id,
                "inputs": json.dumps(inputs),
                "parameters": params.to_json(),
                "versions": json.dumps(versions),
            },
        )
    if applied:
        get_run_logger().info("applied migrations: %s", ", ".join(applied))


@task(name="load-articles", cache_policy=NO_CACHE)
def load_articles_task(work: str, run_id: str, batch: NormalisedBatch, rejects: pa.Table) -> LoadCounts:
    """Insert new articles, store new versions of changed ones, quarantine rejects and conflicting ids.

    A revised article keeps its id and first_seen_at; its old text moves to ``wt.article_versions``
    and everything derived from it is deleted here and recomputed by the later stages of the run
    (a frozen part holding it is thawed first).
    """
    with transaction(work, with_parts=True) as con:
        ids = batch.articles.column("article_id").to_pylist()
        stored = {
            article_id: StoredArticle(content_hash, url)
            for article_id, content_hash, url in con.execute(sql("existing_articles"), {"ids": ids}).fetchall()
        }
        split = split_new_articles(batch.articles, stored)
        new, revised = split.new, split.revised
        con.register("new_articles", new)
        con.register("revised_articles", revised)
        con.register(
            "versioned_articles", pa.concat_tables([new.select(["article_id"]), revised.select(["article_id"])])
        )
        con.register("batch_quotes", batch.quotes)
        con.register("batch_attributions", batch.attributions)
        all_rejects = pa.concat_tables([rejects, split.conflicts])
        con.register("batch_rejects", all_rejects)
        con.execute(sql("insert_articles"), {"run_id": run_id})
        if revised.num_rows:
            # A revised article stored in a frozen part brings its part back into the hot part first.
            holding = parts_holding(con, listed_parts(con), revised.column("article_id").to_pylist())
            thaw_parts(con, holding)
            if holding:
                get_run_logger().warning(
                    "new versions of frozen articles: thawed %d frozen parts (%s) into the hot part",
                    len(holding),
                    ", ".join(p.part_id for p in holding),
                )
            con.execute(sql("revise_archive_text"))
            con.execute(sql("revise_clear_derived"))
            con.execute(sql("revise_articles"), {"run_id": run_id})
        con.execute(sql("insert_article_versions"), {"run_id": run_id})
        con.execute(sql("insert_quotes"), {"run_id": run_id})
        con.execute(sql("insert_attributions"), {"run_id": run_id})
        con.execute(sql("quarantine_rejects"), {"run_id": run_id})
    counts = LoadCounts(
        new_articles=new.num_rows,
        revised_articles=revised.num_rows,
        already_stored=split.unchanged,
        rejected=all_rejects.num_rows,
        rejected_by_reason=tuple(count_by_kind(all_rejects.column("reason").to_pylist()).items()),
    )
    get_run_logger().info(
        "stored %d new articles and %d new versions (%d already stored), quarantined %d records",
        counts.new_articles,
        counts.revised_articles,
        counts.already_stored,
        counts.rejected,
    )
    return counts


@task(name="quarantine-empty-files", cache_policy=NO_CACHE)
def quarantine_empty_files_task(work: str, run_id: str, files: list[str]) -> LoadCounts:
    """Quarantine each input file that held no record at all (reason :data:`EMPTY_FILE`)."""
    rows = [{"source_file": f, "record_ref": "(whole file)", "reason": EMPTY_FILE, "payload": None} for f in files]
    with transaction(work) as con:
        con.register("batch_rejects", pa.Table.from_pylist(rows, schema=REJECT))
        con.execute(sql("quarantine_rejects"), {"run_id": run_id})
    for f in files:
        get_run_logger().warning("quarantined %s: %s", f, EMPTY_FILE)
    return LoadCounts(rejected=len(files), rejected_by_reason=((EMPTY_FILE, len(files)),) if files else ())
