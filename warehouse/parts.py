"""The warehouse as a hot file plus frozen parts: each run's cost follows its articles, not the warehouse.

``<db>`` (the hot part) holds every table and everything a run can change. ``wiretrace maintain``
moves whole *components of the pair graph* whose newest article is in a month older than the hot
span out of it, into an immutable DuckDB file per month, ``<db>.parts/<part_id>.duckdb``, holding
the article-keyed tables (:data:`FROZEN_TABLES`) of those articles. Why that is safe: a run's new
articles are only paired with articles dated within the candidate window of them (undated ones with
any: a component holding an undated article is never frozen); a part holds whole components, so
no pair, story or edge crosses from the hot part into a part. A run whose window reaches a part's
dates, or that revises an article stored in a part, first *thaws* that part (its rows go back into
the hot part and it leaves the list), so every run computes exactly what it would on one file.

The list of parts lives in the hot file (``wt.parts``) and is published with it, atomically. The
schema ``whole`` holds one view per ``wt`` table: the hot rows plus every listed part's (``UNION
ALL BY NAME``, so a part written before a migration added a column still reads). The public
``lineage`` views read ``whole``. A connection sees the parts once :func:`attach_parts` has attached
them read-only under the names the views use (``connect_reader`` and ``connect_writer`` do).

Part files are never written after they are listed. A part file that neither the warehouse nor
any kept version lists (a thawed part, or one written by a maintenance run that died) is deleted
by the next write session (:func:`remove_unlisted_parts`), so a kept version restores with its parts.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, fields, replace
from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.connection import sql
from warehouse.durable import fsync

#: The tables whose rows belong to one article (or story) and move to parts with it.
FROZEN_TABLES = (
    "articles",
    "article_versions",
    "quotes",
    "attributions",
    "signatures",
    "band_keys",
    "pairs",
    "stories",
    "story_members",
    "edges",
)
#: The key a frozen table's rows are selected and sorted by: its article (pairs: the first one); a story
#: for ``stories``, whose rows are found through their members.
ARTICLE_COLUMN = {table: "article_id" for table in FROZEN_TABLES} | {"pairs": "a", "stories": "story_id"}
_WORKING_COPY = re.compile(r"\.run-.+?\.tmp(\.compact)?$")
_PART_ID = re.compile(r"^p\d{6}_[0-9a-f]{8}$")


@dataclass(frozen=True)
class Part:
    """One frozen part: ``part_id`` is also the catalog name it is attached under."""

    part_id: str
    month: str
    min_published: datetime | None
    max_published: datetime | None
    n_articles: int
    #: its stories and primary edges (None: listed before migration 0006 and not counted yet)
    n_stories: int | None = None
    n_primary_edges: int | None = None


_PART_FIELDS = {f.name for f in fields(Part)}


def parts_dir(db: Path) -> Path:
    """The folder of ``db``'s frozen parts: ``<db>.parts``."""
    return db.with_name(db.name + ".parts")


def part_path(db: Path, part_id: str) -> Path:
    if not _PART_ID.match(part_id):
        raise ValueError(f"not a part id: {part_id!r}")
    return parts_dir(db) / f"{part_id}.duckdb"


def warehouse_of(path: str | os.PathLike[str]) -> Path:
    """The published warehouse a file belongs to: itself, or the warehouse a run's working copy
    (``<db>.run-<id>.tmp``, its compacted ``….compact``) was copied from, or a kept version
    (``<db>.v/<name>.duckdb``) was replaced in. Parts are found beside it."""
    p = Path(path)
    if p.parent.name.endswith(".v") and p.name.endswith(".duckdb"):  # a kept version (warehouse.versions)
        return p.parent.with_name(p.parent.name.removesuffix(".v"))
    return p.with_name(_WORKING_COPY.sub("", p.name))


def new_part_id(month: str, run_id: str) -> str:
    """``p<YYYYMM>_<8 hex of the run id>``: unique per month and maintenance run, and a plain identifier."""
    return f"p{month.replace('-', '')}_{run_id[-8:]}"


def listed_parts(con: duckdb.DuckDBPyConnection) -> list[Part]:
    """The parts the warehouse open in ``con`` lists (none before migration 0005)."""
    if not con.execute(sql("parts_table_exists")).fetchone():
        return []
    cursor = con.execute(sql("listed_parts"))  # every column: a kept version may predate migration 0006
    names = [column[0] for column in cursor.description or ()]
    return [Part(**{k: v for k, v in zip(names, row, strict=True) if k in _PART_FIELDS}) for row in cursor.fetchall()]


def count_part_totals(con: duckdb.DuckDBPyConnection, db: Path) -> list[Part]:
    """Count and record the stories and primary edges of every listed part not counted yet (listed
    before migration 0006), attaching just those; return them. Afterwards every listed part has its totals."""
    uncounted = [p for p in listed_parts(con) if p.n_stories is None or p.n_primary_edges is None]
    attach_parts(con, db, uncounted)
    for part in uncounted:
        n_stories, n_primary_edges = part_totals(con, part.part_id)
        con.execute(
            sql("set_part_totals"),
            {"part_id": part.part_id, "n_stories": n_stories, "n_primary_edges": n_primary_edges},
        )
    return uncounted


def part_totals(con: duckdb.DuckDBPyConnection, catalog: str) -> tuple[int, int]:
    """(stories, primary edges) of the part attached as ``catalog``."""
    stories = f"SELECT count(*) FROM {catalog}.wt.stories"
    primary_edges = f"SELECT count(*) FROM {catalog}.wt.edges WHERE is_primary"
    row = con.execute(f"SELECT ({stories}), ({primary_edges})").fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def attach_parts(con: duckdb.DuckDBPyConnection, db: Path, parts: Iterable[Part] | None = None) -> list[Part]:
    """Attach (read-only, under their ids) the parts the warehouse in ``con`` lists, found beside ``db``;
    return them. Parts already attached are left as they are."""
    chosen = listed_parts(con) if parts is None else list(parts)
    attached = {name for (name,) in con.execute(sql("attached_databases")).fetchall()}
    for part in chosen:
        if part.part_id not in attached:
            path = part_path(db, part.part_id)  # checks the id, which becomes a catalog name
            if not path.is_file():
                raise FileNotFoundError(
                    f"part {part.part_id} of warehouse {db} is missing: {path} (a warehouse is its file and the "
                    f"folder {parts_dir(db).name} beside it: copy and move both)"
                )
            con.execute(f"ATTACH ? AS {part.part_id} (READ_ONLY)", [str(path)])
    return chosen


def apply_whole_views(con: duckdb.DuckDBPyConnection, parts: list[Part]) -> None:
    """(Re)create ``whole.<table>`` for every ``wt`` table: its hot rows and, for a frozen table, every part's.

    The parts must be attached (:func:`attach_parts`)."""
    con.execute("CREATE SCHEMA IF NOT EXISTS whole")
    tables = [t for (t,) in con.execute(sql("hot_tables")).fetchall()]
    for table in tables:
        sources = [f"SELECT * FROM wt.{table}"]
        if table in FROZEN_TABLES:
            sources += [f"SELECT * FROM {p.part_id}.wt.{table}" for p in parts]
        con.execute(f"CREATE OR REPLACE VIEW whole.{table} AS " + " UNION ALL BY NAME ".join(sources))


def write_part_file(con: duckdb.DuckDBPyConnection, db: Path, part: Part) -> Part:
    """Write the new file of ``part`` from the hot rows of the articles of its month in the table
    ``freezing`` (article_id, month); return ``part`` with its totals counted from the file. The hot
    part is not changed (:func:`list_part` does).

    Runs outside any transaction on the working copy (DuckDB writes one database per transaction).
    The file is new (never overwritten), its rows sorted by article, and on disk before it returns.
    """
    path = part_path(db, part.part_id)
    path.parent.mkdir(exist_ok=True)
    if path.exists():
        raise FileExistsError(f"part file {path} already exists")
    alias = f"new_{part.part_id}"
    con.execute(f"ATTACH ? AS {alias}", [str(path)])
    try:
        con.execute(f"CREATE SCHEMA {alias}.wt")
        for table in FROZEN_TABLES:
            order = ARTICLE_COLUMN[table]
            con.execute(
                f"CREATE TABLE {alias}.wt.{table} AS SELECT * FROM wt.{table} WHERE {_belongs(table)} ORDER BY {order}",
                {"month": part.month},
            )
        n_stories, n_primary_edges = part_totals(con, alias)
        con.execute(f"CHECKPOINT {alias}")
    finally:
        con.execute(f"DETACH {alias}")
    fsync(path)
    fsync(path.parent)
    return replace(part, n_stories=n_stories, n_primary_edges=n_primary_edges)


def list_part(con: duckdb.DuckDBPyConnection, part: Part) -> None:
    """Delete the rows of ``part`` (written by :func:`write_part_file`) from the hot tables and list it;
    runs in the caller's transaction. The ``whole`` views must then be recreated with it attached."""
    for table in FROZEN_TABLES:  # stories before story_members: a story is found through its members
        con.execute(f"DELETE FROM wt.{table} WHERE {_belongs(table)}", {"month": part.month})
    con.execute(
        sql("list_part"),
        {
            "part_id": part.part_id,
            "month": part.month,
            "min_published": part.min_published,
            "max_published": part.max_published,
            "n_articles": part.n_articles,
            "n_stories": part.n_stories,
            "n_primary_edges": part.n_primary_edges,
        },
    )


def thaw_parts(con: duckdb.DuckDBPyConnection, parts: list[Part]) -> None:
    """Move every row of ``parts`` (attached) back into the hot tables and drop them from the list and
    from the ``whole`` views; runs in the caller's transaction. Their files are deleted later, once no
    kept version lists them."""
    if not parts:
        return
    for part in parts:
        for table in FROZEN_TABLES:
            con.execute(f"INSERT INTO wt.{table} BY NAME SELECT * FROM {part.part_id}.wt.{table}")
        con.execute(sql("unlist_part"), {"part_id": part.part_id})
    gone = {p.part_id for p in parts}
    apply_whole_views(con, [p for p in listed_parts(con) if p.part_id not in gone])


def frozen_table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of every frozen table over the whole warehouse (hot and parts): moving rows between them
    must leave these unchanged."""
    counts = {}
    for table in FROZEN_TABLES:
        row = con.execute(f"SELECT count(*) FROM whole.{table}").fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts


def parts_overlapping(parts: list[Part], lo: datetime | None, hi: datetime | None) -> list[Part]:
    """The parts holding an article dated within [lo, hi] (both None: none)."""
    if lo is None or hi is None:
        return []
    return [
        p
        for p in parts
        if p.min_published is not None
        and p.max_published is not None
        and p.min_published <= hi
        and p.max_published >= lo
    ]


def parts_holding(con: duckdb.DuckDBPyConnection, parts: list[Part], article_ids: list[str]) -> list[Part]:
    """The (attached) parts that store one of ``article_ids``."""
    if not article_ids:
        return []
    return [
        p
        for p in parts
        if con.execute(
            f"SELECT 1 FROM {p.part_id}.wt.articles WHERE article_id IN (SELECT unnest($ids::VARCHAR[])) LIMIT 1",
            {"ids": article_ids},
        ).fetchone()
    ]


def remove_unlisted_parts(db: Path, listing_files: Iterable[Path]) -> list[Path]:
    """Delete the part files of ``db`` that none of ``listing_files`` (the warehouse and its kept
    versions) lists; return them. Call only under the writer lock."""
    folder = parts_dir(db)
    if not folder.is_dir():
        return []
    listed: set[str] = set()
    for path in listing_files:
        if path.is_file():
            with closing(duckdb.connect(str(path), read_only=True)) as con:
                listed.update(p.part_id for p in listed_parts(con))
    removed = [f for f in sorted(folder.iterdir()) if f.name.removesuffix(".duckdb") not in listed]
    for path in removed:
        path.unlink(missing_ok=True)
    if removed:
        fsync(folder)
    return removed


def _belongs(table: str) -> str:
    """The condition selecting the rows of ``table`` whose article is frozen into the month ``$month``."""
    ids = "(SELECT article_id FROM freezing WHERE month = $month)"
    if table == "stories":
        return f"story_id IN (SELECT story_id FROM wt.story_members WHERE article_id IN {ids})"
    return f"{ARTICLE_COLUMN[table]} IN {ids}"
