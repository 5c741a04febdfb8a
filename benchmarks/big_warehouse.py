"""Build a big warehouse cheaply: a real run's output on a small template, replicated back in time.

    python -m benchmarks.big_warehouse --articles 1000000 --db /tmp/bigbench/1m.duckdb \\
        --new-input /tmp/bigbench/new-1000.jsonl [--layout parts|one-file]

Design. A *template* of ``articles * template_days / days`` synthetic articles
(:func:`workbench.synth.iter_articles`, ~2 KB each), their dates compressed into the last
``template_days`` before ``--end``, goes through the real ``wiretrace_run`` flow into a template
warehouse: texts, signatures, band keys, quotes, attributions, verified pairs, stories, members,
merges and edges are exactly what a run leaves. The big warehouse (fresh file, real migrations and
views) then receives ``days / template_days`` replicas of every template table, oldest first, replica
``r`` shifted back ``r * template_days`` and with ids prefixed ``h{r:03d}-`` (pairs stay ``a < b``,
stories' ages stay in time order). Replica 0 is the template unchanged, so the last ``template_days``
(the window a new run compares with) hold real signatures. Older replicas keep the template's texts,
but every MinHash value and band key is XORed with a replica constant: keys stay consistent with the
replica's signatures, and replicas do not collide with each other or with new articles; they only
need to exist and be scanned. Tables a file run leaves empty (feed, fetch and inbox state) stay empty.

Layout (``--layout``). ``parts`` (default) writes the warehouse as ``wiretrace maintain`` leaves it
(:mod:`warehouse.parts`): a replica whose newest article's month ended at or before the template's
newest article less ``DEFAULT_HOT_DAYS`` (the cutoff of :func:`wiretrace.freezing.frozen_months`;
a replica holds whole components of the pair graph) becomes a new frozen part of its own,
``<db>.parts/p<YYYYMM>_<r as 8 hex>.duckdb``, listed in ``wt.parts``; the other replicas, and every
replica's rows of the tables that are never frozen (runs, quarantine, ...), go into the hot file.
Maintenance on the result finds nothing more to freeze, but for the settled month of a hot
replica that spans a month's end. ``one-file`` writes every row into ``<db>`` (the
layout before frozen parts, for comparison). The built warehouse must pass every data check
(``warehouse/checks``) over the whole warehouse and over its hot part, or the builder exits 1.

``--new-input FILE`` also writes ``--new-articles`` articles (seed 99) dated from ``--end`` + 3 days,
after every built article: the same file for every size built with the same ``--end``.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any, Literal

import duckdb

from benchmarks.prefect_env import quiet_prefect
from warehouse.checks import Scope, run_checks
from warehouse.connection import connect_writer, sql_files
from warehouse.migrate import apply_views, migrate
from warehouse.parts import FROZEN_TABLES, attach_parts, new_part_id, part_path, part_totals, parts_dir
from wiretrace.freezing import DEFAULT_HOT_DAYS, month_of, next_month_start
from workbench.synth import iter_articles, stories_for_articles, write_jsonl

#: Minutes between story slots in :func:`workbench.synth.iter_articles`.
SLOT_MINUTES = 6
#: Tables of schema wt the builder knowingly does not copy: the target's own migrations, parts and
#: views' record, and the feed, fetch and inbox state a run on files leaves empty (checked empty in
#: the template).
SKIPPED = {"schema_migrations", "http_cache", "feed_entries", "fetch_log", "inbox_files", "parts", "views_applied"}
#: How the built warehouse is stored: settled replicas in frozen parts (what ``wiretrace maintain``
#: leaves), or every row in the one file (the layout before frozen parts, for comparison).
Layout = Literal["parts", "one-file"]
LAYOUTS: tuple[Layout, ...] = ("parts", "one-file")
#: The hot part's span before the newest article (``wiretrace maintain``'s default ``hot_days``).
HOT_SPAN = timedelta(days=DEFAULT_HOT_DAYS)
#: Days between the built warehouse's ``--end`` and the new run's first article: more than any
#: template article's tail (a derivative follows its parent by at most 2 days, plus 3 h of jitter).
NEW_INPUT_GAP = timedelta(days=3)


def replica_prefix(r: int) -> str:
    """Id prefix of replica ``r``; replica 0 (the template itself, the newest) keeps its ids."""
    return "" if r == 0 else f"h{r:03d}-"


def replica_xor(r: int) -> int:
    """The 32-bit constant XORed into replica ``r``'s MinHash values: 0 for the template, else odd and distinct."""
    return 0 if r == 0 else ((r * 0x9E3779B1) & 0xFFFFFFFF) | 1


def template_records(n_articles: int, seed: int, end: datetime, days: float) -> Iterator[dict[str, object]]:
    """Input records of the first ``n_articles`` synthetic articles, their story slots ending at ``end``.

    The generator publishes a slot every 6 minutes (~670 articles a day); the slots are compressed
    (never stretched) into at most ``days`` before ``end``, so that the template has the built
    warehouse's density and its newest articles are those of the warehouse's last day.
    """
    n_stories = stories_for_articles(n_articles)
    natural = timedelta(minutes=n_stories * SLOT_MINUTES)
    span = min(timedelta(days=days), natural)
    start = end - span
    factor = span / natural
    for article in islice(iter_articles(n_stories, seed, start=start), n_articles):
        record = article.record()
        record["published_at"] = (start + (article.published_at - start) * factor).isoformat()
        yield record


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bench_sql(name: str) -> str:
    return resources.files("benchmarks").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def _params(text: str, values: dict[str, Any]) -> dict[str, Any]:
    """The values of the ``$name`` parameters ``text`` uses (DuckDB refuses unused ones)."""
    return {k: v for k, v in values.items() if f"${k}" in text}


def _replicate(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    template: Path,
    copies: int,
    template_days: float,
    layout: Layout,
    log: Any,
) -> int:
    """Migrate the new warehouse of ``con`` (the file ``db``) and write ``copies`` replicas of ``template``
    into it, oldest first; return the template's articles.

    ``one-file``: each replica in one transaction on ``db``. ``parts``: a replica that ``wiretrace
    maintain`` would freeze whole (its newest article's month ended :data:`DEFAULT_HOT_DAYS` before the
    template's newest article) goes into a new part file of its own instead (:func:`_write_part`).
    """
    started = time.perf_counter()
    migrate(con)
    apply_views(con)
    con.execute("ATTACH $path AS tpl (READ_ONLY)", {"path": str(template)})
    tables = {name for (name,) in con.execute(_bench_sql("template_tables")).fetchall()}
    statements = [text for _, text in sql_files("replicate", package="benchmarks")]
    targets = [text.split("INSERT INTO wt.", 1)[1].split()[0] for text in statements]
    unknown = sorted(tables - set(targets) - SKIPPED)
    if unknown:
        raise RuntimeError(f"template table(s) {', '.join(unknown)} neither replicated nor skipped: extend replicate/")
    n_rows, max_age, poll_rows, newest = con.execute(_bench_sql("template_stats")).fetchone() or (0, 0, 0, None)
    if poll_rows:
        raise RuntimeError(f"template has {poll_rows} rows of poll or inbox state, which the builder does not copy")
    frozen = [text for text, table in zip(statements, targets, strict=True) if table in FROZEN_TABLES]
    hot = [text for text, table in zip(statements, targets, strict=True) if table not in FROZEN_TABLES]
    # The cutoff of wiretrace.freezing: the newest article (never in the future) less the hot span.
    cutoff = None if newest is None else min(newest, datetime.now(UTC).replace(tzinfo=None)) - HOT_SPAN
    n_parts = 0
    for r in reversed(range(copies)):
        values = {
            "prefix": replica_prefix(r),
            "shift_minutes": round(r * template_days * 24 * 60),
            "xor": replica_xor(r),
            "age_offset": (copies - 1 - r) * max_age,
        }
        replica_newest = None if newest is None else newest - timedelta(minutes=values["shift_minutes"])
        if layout == "parts" and replica_newest and cutoff and next_month_start(replica_newest) <= cutoff:
            part_id = new_part_id(month_of(replica_newest), f"{r:08x}")
            _write_part(con, db, part_id, month_of(replica_newest), frozen, hot, values)
            n_parts += 1
        else:
            con.execute("BEGIN TRANSACTION")
            for text in statements:
                con.execute(text, _params(text, values))
            con.execute("COMMIT")
        done = copies - r
        if done % 5 == 0 or r == 0:
            log(f"  replica {done}/{copies} ({n_parts} in parts): {time.perf_counter() - started:.1f} s")
    con.execute("DETACH tpl")
    con.execute("CHECKPOINT")
    return int(n_rows)


def _write_part(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    part_id: str,
    month: str,
    frozen: list[str],
    hot: list[str],
    values: dict[str, Any],
) -> None:
    """Write one replica as the new part ``part_id`` of ``db``: the ``frozen`` statements (tables of
    :data:`FROZEN_TABLES`) into the new file ``<db>.parts/<part_id>.duckdb``, checkpointed and detached,
    then the ``hot`` statements and the part's ``wt.parts`` row into ``db`` in one transaction
    (DuckDB writes one database per transaction)."""
    path = part_path(db, part_id)
    path.parent.mkdir(exist_ok=True)
    if path.exists():
        raise FileExistsError(f"part file {path} already exists")
    con.execute("ATTACH $path AS newpart", {"path": str(path)})
    try:
        con.execute(_bench_sql("part_tables"))
        made = tuple(name for (name,) in con.execute(_bench_sql("part_tables_check")).fetchall())
        if made != tuple(sorted(FROZEN_TABLES)):
            raise RuntimeError(f"part_tables.sql makes {made}, not warehouse.parts.FROZEN_TABLES: update it")
        con.execute("BEGIN TRANSACTION")
        try:
            for text in frozen:
                into_part = text.replace("INSERT INTO wt.", "INSERT INTO newpart.wt.", 1)
                con.execute(into_part, _params(into_part, values))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        lo, hi, n = con.execute(_bench_sql("part_stats")).fetchone() or (None, None, 0)
        n_stories, n_primary_edges = part_totals(con, "newpart")
        con.execute("CHECKPOINT newpart")
    finally:
        con.execute("DETACH newpart")
    con.execute("BEGIN TRANSACTION")
    for text in hot:
        con.execute(text, _params(text, values))
    listing = _bench_sql("list_part")
    con.execute(
        listing,
        {
            "part_id": part_id,
            "month": month,
            "lo": lo,
            "hi": hi,
            "n": n,
            "n_stories": n_stories,
            "n_primary_edges": n_primary_edges,
        },
    )
    con.execute("COMMIT")


def build(
    db: Path,
    articles: int,
    *,
    days: float = 365.0,
    template_days: float = 15.0,
    end: datetime,
    seed: int = 1,
    workdir: Path,
    layout: Layout = "parts",
    log: Any = print,
) -> dict[str, Any]:
    """Build the warehouse ``db`` (must not exist, nor its parts folder) of about ``articles`` articles over
    ``days`` ending at ``end``, stored in ``layout``.

    Returns the summary (counts over the whole warehouse, hot articles, parts, sizes, seconds per phase,
    failing checks by scope: ``whole`` and ``hot`` for parts, ``hot`` (the same rows) for one file). The
    template warehouse and its input are written in a new folder in ``workdir``, deleted at the end
    (also on failure); a failed build leaves no warehouse and no parts.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout {layout!r} is not one of {', '.join(LAYOUTS)}")
    if db.exists():
        raise FileExistsError(f"{db} exists: the builder never overwrites a warehouse")
    if parts_dir(db).exists():
        raise FileExistsError(f"{parts_dir(db)} exists: the builder never overwrites a warehouse's parts")
    if not 0 < template_days <= days:
        raise ValueError(f"template days {template_days} must be within (0, {days}]")
    quiet_prefect()
    from flows.run import wiretrace_run  # after the environment: Prefect reads it at import

    copies = max(1, round(days / template_days))
    n_template = max(1, math.ceil(articles / copies))
    workdir.mkdir(parents=True, exist_ok=True)
    # A fresh folder of its own: the template run also leaves its lock files there.
    folder = Path(tempfile.mkdtemp(prefix=f"template-{n_template}-", dir=workdir))
    corpus = folder / "template.jsonl"
    template = folder / "template.duckdb"
    seconds: dict[str, float] = {}
    log(f"template: {n_template:,} articles over {template_days:g} days, {copies} replicas over {days:g} days")
    try:
        t = time.perf_counter()
        with open(corpus, "w", encoding="utf-8") as fh:
            for record in template_records(n_template, seed, end, template_days):
                fh.write(json.dumps(record, ensure_ascii=False))
                fh.write("\n")
        seconds["generate template input"] = time.perf_counter() - t
        log(f"  generated {corpus} in {seconds['generate template input']:.1f} s")

        t = time.perf_counter()
        summary = wiretrace_run(paths=[str(corpus)], db=str(template))
        seconds["template run (real flow)"] = time.perf_counter() - t
        log(f"  template run {summary['run_id']}: {seconds['template run (real flow)']:.1f} s")
        corpus.unlink()

        t = time.perf_counter()
        with closing(connect_writer(db)) as con:
            n_rows = _replicate(con, db, template, copies, template_days, layout, log)
            attach_parts(con, db)
            apply_views(con)
            seconds["replicate (DuckDB)"] = time.perf_counter() - t
            t = time.perf_counter()
            scopes: tuple[Scope, ...] = ("whole", "hot") if layout == "parts" else ("hot",)
            failing = {f"{scope}:{name}": n for scope in scopes for name, n in run_checks(con, scope).items() if n}
            seconds["data checks"] = time.perf_counter() - t
            row = con.execute(_bench_sql("big_summary")).fetchone()
            assert row is not None
        names = ["articles", "band_keys", "pairs", "stories", "edges", "first", "last", "hot_articles", "parts"]
        counts = dict(zip(names, row, strict=True))
    except BaseException:
        for partial in (db, Path(f"{db}.wal")):
            partial.unlink(missing_ok=True)  # half a warehouse is no benchmark: a re-run starts afresh
        shutil.rmtree(parts_dir(db), ignore_errors=True)
        raise
    finally:
        shutil.rmtree(folder)
    return {
        "db": str(db),
        "template_articles": int(n_rows),
        "copies": copies,
        "layout": layout,
        "bytes": db.stat().st_size,
        "part_bytes": sorted(f.stat().st_size for f in parts_dir(db).iterdir()) if parts_dir(db).is_dir() else [],
        "seconds": seconds,
        "failing_checks": failing,
        "peak_rss_mb": _peak_rss_mb(),
        **counts,
    }


def write_new_input(path: Path, n_articles: int, end: datetime, seed: int = 99) -> datetime:
    """Write ``n_articles`` synthetic input records dated from ``end`` + 3 days; return their start."""
    start = end + NEW_INPUT_GAP
    write_jsonl(iter_articles(stories_for_articles(n_articles), seed, start=start), path)
    return start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True, help="articles in the built warehouse (rounded)")
    parser.add_argument("--db", type=Path, required=True, help="the warehouse to build (must not exist)")
    parser.add_argument("--days", type=float, default=365.0, help="days the warehouse spans (default 365)")
    parser.add_argument("--template-days", type=float, default=15.0, help="days of real signatures (default 15)")
    parser.add_argument("--end", default="2025-06-28", help="the last day (UTC) of the warehouse (default 2025-06-28)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where the template is built (default: beside --db)")
    parser.add_argument("--new-input", type=Path, help="also write the new run's input here")
    parser.add_argument("--new-articles", type=int, default=1000)
    parser.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="parts",
        help="parts: settled replicas in frozen part files, as `wiretrace maintain` leaves them (default); "
        "one-file: every row in the one file",
    )
    args = parser.parse_args(argv)
    try:
        end = datetime.fromisoformat(args.end).replace(tzinfo=UTC)
    except ValueError:
        print(f"--end {args.end!r} is not an ISO date", file=sys.stderr)
        return 2
    if args.articles < 1:
        print("--articles must be at least 1", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        result = build(
            args.db,
            args.articles,
            days=args.days,
            template_days=args.template_days,
            end=end,
            seed=args.seed,
            workdir=args.workdir or args.db.parent,
            layout=args.layout,
        )
    except (FileExistsError, ValueError) as exc:
        print(f"big_warehouse: {exc}", file=sys.stderr)
        return 2
    total = time.perf_counter() - started
    print(
        f"built {result['db']}: {result['articles']:,} articles "
        f"({result['template_articles']:,} x {result['copies']}), "
        f"{result['band_keys']:,} band keys, {result['pairs']:,} pairs, {result['stories']:,} stories, "
        f"{result['edges']:,} edges, {result['first']} .. {result['last']}, {result['bytes'] / 1e9:.2f} GB"
    )
    if result["part_bytes"]:
        sizes = result["part_bytes"]
        print(
            f"  {result['hot_articles']:,} articles in the hot file ({result['bytes'] / 1e9:.2f} GB), "
            f"{result['parts']} parts of {sizes[0] / 1e6:,.0f}..{sizes[-1] / 1e6:,.0f} MB ({sum(sizes) / 1e9:.2f} GB)"
        )
    for name, s in result["seconds"].items():
        print(f"  {name}: {s:.1f} s")
    print(f"  total {total:.1f} s, peak RSS {result['peak_rss_mb']:,.0f} MB")
    if args.new_input:
        start = write_new_input(args.new_input, args.new_articles, end)
        if result["last"] is not None and result["last"] >= start:
            print(f"new input starts {start}, before the warehouse's last article {result['last']}", file=sys.stderr)
            return 1
        print(f"new input: {args.new_input} ({args.new_articles} articles from {start:%Y-%m-%d})")
    if result["failing_checks"]:
        print(f"data checks failed: {result['failing_checks']}", file=sys.stderr)
        return 1
    print("data checks: all pass")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
