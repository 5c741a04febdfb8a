"""The ``wiretrace`` command line: run the pipeline, read stories and lineage, evaluate."""

from __future__ import annotations

import argparse
import base64
import csv
import importlib.util
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TextIO

from warehouse.connection import connect_reader, default_db_path, sql
from wiretrace.errors import InputError, NothingUsableError
from wiretrace.freezing import DEFAULT_HOT_DAYS

_PREFECT_DEFAULTS = {
    # Ephemeral (no server) start-up: no analytics, generous start-up timeout on slow machines.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (InputError, FileNotFoundError) as err:
        print(f"wiretrace: {err}", file=sys.stderr)
        return 2
    except NothingUsableError as err:  # recorded as failed in lineage.runs; the message says where to look
        print(f"wiretrace: {err}", file=sys.stderr)
        return 3
    except Exception as err:
        if os.environ.get("WIRETRACE_DEBUG"):
            raise
        print(f"wiretrace: {type(err).__name__}: {err}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wiretrace", description=__doc__)
    sub = parser.add_subparsers(required=True, dest="command")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", help="warehouse file (default: $WIRETRACE_DB or ./wiretrace.duckdb)")
        return p

    run = command("run", "run the pipeline flow on files or folders (default: the bundled seeds)")
    run.add_argument("paths", nargs="*", help="JSON Lines, JSON, CSV, Parquet, .txt or .html files, or folders")
    run.add_argument("--verbose", action="store_true", help="show Prefect's task logs")
    run.add_argument(
        "--inbox",
        metavar="DIR",
        help="read only the folder's files no earlier run took (new or changed), and record them as taken",
    )
    run.add_argument(
        "--dask-address",
        help="compute normalisation, signatures, verification and lineage on this Dask scheduler"
        " (tcp://host:port; needs prefect-dask)",
    )
    _settings_options(run)
    run.set_defaults(func=_run)

    poll = command("poll", "poll RSS/Atom feeds: fetch new and changed pages and run the pipeline on them")
    poll.add_argument("feeds", nargs="*", metavar="URL", help="feed URLs")
    poll.add_argument("--feeds", dest="feeds_file", metavar="FILE", help="file of feed URLs, one per line")
    poll.add_argument("--verbose", action="store_true", help="show Prefect's task logs")
    _settings_options(poll)
    poll.set_defaults(func=_poll)

    init = sub.add_parser(
        "init",
        help="set a folder up for scheduled runs: inbox/, feeds.txt, wiretrace.toml (existing files are kept)",
        description="set a folder up for scheduled runs: inbox/, feeds.txt, wiretrace.toml (existing files are kept)",
    )
    init.add_argument("folder", nargs="?", default=".", help="the project folder (default: the current one)")
    init.set_defaults(func=_init)

    maintain = command(
        "maintain",
        "check the whole warehouse, freeze settled months into parts, compact, delete leftovers of killed runs",
    )
    maintain.add_argument(
        "--hot-days",
        type=int,
        default=DEFAULT_HOT_DAYS,
        metavar="DAYS",
        help=f"keep at least this many days before the newest article hot (default {DEFAULT_HOT_DAYS}); "
        "older whole months are frozen",
    )
    maintain.set_defaults(func=_maintain)

    restore = command("restore", "list the kept versions of the warehouse, or make one the warehouse again")
    restore.add_argument("version", nargs="?", help="a kept version: its name or its number (#) in the listing")
    restore.add_argument(
        "--lock-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="how long to wait for a run writing the warehouse before giving up (default: 10)",
    )
    restore.set_defaults(func=_restore)

    stories = command("stories", "list stories, largest first")
    stories.add_argument("--limit", type=int, default=20)
    stories.set_defaults(func=_stories)

    explain = command("explain", "explain where an article's text came from, with the evidence")
    explain.add_argument("article_id")
    explain.set_defaults(func=_explain)

    query = command("sql", "run read-only SQL against the warehouse")
    query.add_argument("query")
    query.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind $NAME to the text VALUE (NAME:=JSON binds a number, list or null); repeatable",
    )
    query.add_argument(
        "--format",
        choices=("table", "csv", "json", "parquet"),
        default="table",
        help="table (long values cut), csv, json (one object per line) or parquet (needs --output)",
    )
    query.add_argument("--output", metavar="FILE", help="write the result to FILE instead of standard output")
    query.set_defaults(func=_sql)

    dashboard = command("dashboard", "serve the Streamlit dashboard over the warehouse (read-only)")
    dashboard.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    dashboard.add_argument("--port", type=int, default=8501, help="port to listen on (default: 8501)")
    dashboard.set_defaults(func=_dashboard)

    evaluate = command("eval", "score stories and lineage on a labelled corpus")
    evaluate.add_argument("corpus", choices=("clough", "synthetic", "news"))
    evaluate.add_argument(
        "file", nargs="?", help="news: labelled articles as JSON Lines (the news dev sets joined with their texts)"
    )
    evaluate.add_argument("--stories", type=int, default=200, help="synthetic: number of stories")
    evaluate.add_argument("--seed", type=int, default=7, help="synthetic: generator seed")
    evaluate.add_argument(
        "--undated",
        action="store_true",
        help="clough: leave the files undated (by default sources are dated a day before the answers)",
    )
    evaluate.set_defaults(func=_eval)
    return parser


def _settings_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config",
        help="settings file (default: $WIRETRACE_CONFIG, ./wiretrace.toml or [tool.wiretrace] in ./pyproject.toml)",
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help="override one setting, e.g. --set verify.narrative_containment=0.15 (repeatable)",
    )


def _start_prefect(verbose: bool = False) -> None:
    for key, value in _PREFECT_DEFAULTS.items():
        if key == "PREFECT_LOGGING_LEVEL" and verbose:
            value = "INFO"
        os.environ.setdefault(key, value)


def _settings(args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    """The ``--set`` overrides, checked with the config file before Prefect starts."""
    from wiretrace.settings import find_config, overrides, pipeline_params, read_config

    settings = overrides(args.set)
    path = Path(args.config) if args.config else find_config()
    pipeline_params((str(path), read_config(path) if path else None), ("--set", settings))
    return settings


def _run(args: argparse.Namespace) -> int:
    from wiretrace.ingest import discover_inputs

    if args.paths and args.inbox:
        raise InputError("give either PATHs or --inbox DIR, not both")
    if args.paths:
        discover_inputs(args.paths)  # fail fast, before Prefect starts
    if args.inbox:
        from wiretrace.inbox import inbox_root

        inbox_root(args.inbox)
    settings = _settings(args)
    _start_prefect(args.verbose)
    from flows.run import wiretrace_run

    summary = wiretrace_run(
        paths=args.paths or None,
        db=str(default_db_path(args.db)),
        dask_address=args.dask_address,
        config=args.config,
        settings=settings,
        inbox=args.inbox,
    )
    if summary["run_id"] is None:
        print(
            f"wiretrace run: nothing new in the inbox {args.inbox} "
            f"({summary['inbox_already_taken']} files already taken); no run"
        )
        return 0
    if args.inbox:
        print(
            f"wiretrace run: inbox {args.inbox}: taking {summary['inbox_new']} new and "
            f"{summary['inbox_changed']} changed files ({summary['inbox_already_taken']} already taken)"
        )
    print(
        f"wiretrace run {summary['run_id']} -> {summary['db']}\n"
        f"  articles read {summary['articles_read']}, new {summary['new_articles']}, "
        f"already stored {summary['already_stored']}, quarantined {summary['quarantined']}\n"
        f"  candidate pairs {summary['candidate_pairs']}, verified {summary['verified_pairs']}, "
        f"stories touched {summary['stories_touched']}\n"
        f"  warehouse: {summary['total_articles']} articles in {summary['total_stories']} stories, "
        f"{summary['total_primary_edges']} primary lineage edges, {summary['total_quarantined']} quarantined"
    )
    _print_problems(summary)
    print()
    return _run_stories(summary["db"], summary["run_id"], limit=10)


def _poll(args: argparse.Namespace) -> int:
    from wiretrace.sources import feed_urls

    feeds = feed_urls(args.feeds, args.feeds_file)  # fail fast, before Prefect starts
    settings = _settings(args)
    _start_prefect(args.verbose)
    from flows.poll import wiretrace_poll

    summary = wiretrace_poll(feeds=feeds, db=str(default_db_path(args.db)), config=args.config, settings=settings)
    if summary["run_id"] is None:
        print(f"wiretrace poll: nothing new in {summary['feeds']} feeds ({summary['requests']} requests); no run")
        return 0
    print(
        f"wiretrace poll {summary['run_id']} -> {summary['db']}\n"
        f"  requests {summary['requests']} ({summary['failed_requests']} failed, see lineage.fetch_log), "
        f"pages fetched {summary['pages_fetched']}\n"
        f"  articles new {summary['new_articles']}, new versions {summary['revised_articles']}, "
        f"quarantined {summary['quarantined']}, stories touched {summary['stories_touched']}"
    )
    _print_problems(summary)
    return 0


def _print_problems(summary: dict[str, Any]) -> None:
    """A partly failed run: its failures by reason and where to look, on stderr."""
    from wiretrace.failures import problems_line

    if problems := problems_line(summary):
        print(f"wiretrace: {summary['run_id']}: {problems}", file=sys.stderr)


def _init(args: argparse.Namespace) -> int:
    from wiretrace.scaffold import FEEDS, INBOX, init_folder

    folder = Path(args.folder)
    what = {
        INBOX: "drop input files here: wiretrace-hourly (and `wiretrace run --inbox inbox`) takes each once",
        FEEDS: "feed URLs to poll, one per line (none yet: wiretrace-poll does nothing until you add one)",
    }
    print(f"wiretrace init: {folder.resolve()}")
    for name, created in init_folder(folder):
        shown = f"{name}/" if name == INBOX else name
        note = what.get(name, "settings, every default commented out")
        print(f"  {'created' if created else 'kept   '} {shown:<15} {note if created else '(exists: left as it is)'}")
    print('next: README "Scheduled operation" (server, work pool, `prefect --no-prompt deploy --all`, worker)')
    return 0


def _maintain(args: argparse.Namespace) -> int:
    _start_prefect()
    from flows.maintain import wiretrace_maintain

    result = wiretrace_maintain(db=str(default_db_path(args.db)), hot_days=args.hot_days)
    if result["status"] != "succeeded":
        print(f"wiretrace maintain: {result['status']} at {result['db']}")
        return 0
    print(
        f"wiretrace maintain {result['run_id']} -> {result['db']}: {result['rows']} hot rows checked, "
        f"{result['frozen_articles']} articles frozen into {result['new_parts']} new parts, "
        f"{result['bytes_before']} -> {result['bytes_after']} bytes"
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    """Without a version: list the warehouse and its kept versions. With one: restore it (a Prefect flow)."""
    from warehouse.versions import find_version, keep_versions, kept_versions

    db = default_db_path(args.db).resolve()
    if args.version is None:
        _list_versions(db, keep_versions())
        return 0
    kept = find_version(db, args.version)  # fail fast, before Prefect starts
    _start_prefect()
    from flows.restore import wiretrace_restore

    result = wiretrace_restore(version=kept.name, db=str(db), lock_timeout=args.lock_timeout)
    print(
        f"wiretrace restore {result['run_id']} -> {result['db']}: version {result['version']} "
        f"(last run {result['version_run_id']}, {result['articles']} articles) is the warehouse again"
    )
    undo = [v for v in kept_versions(db) if v.run_id == result["replaced_run_id"]]
    if undo:
        print(f"  the replaced warehouse is kept as {undo[0].name}: undo with `wiretrace restore {undo[0].name}`")
    return 0


def _list_versions(db: Path, keep: int) -> None:
    from warehouse.versions import kept_versions, summarise

    if db.exists():
        current = summarise(db)
        print(
            f"warehouse {db}: last run {current.run_id or '-'} ({current.status or '-'}), "
            f"{_count(current.articles)} articles, {_size(current.size)}"
        )
    else:
        print(f"no warehouse at {db}")
    versions = kept_versions(db)
    if not versions:
        print(f"no kept versions (keeping the last {keep}; set WIRETRACE_KEEP_VERSIONS to change it)")
        return
    print(f"kept versions, newest first (keeping the last {keep}; set WIRETRACE_KEEP_VERSIONS to change it):")
    rows = []
    for number, version in enumerate(versions, start=1):
        info = summarise(version.path)
        rows.append(
            (
                number,
                version.name,
                f"{version.replaced_at:%Y-%m-%d %H:%M:%S} UTC",
                info.run_id or version.run_id,
                info.status or info.error or "",
                info.wiretrace or "",
                _count(info.articles),
                _size(info.size),
            )
        )
    _print_table(("#", "version", "replaced_at", "last_run", "status", "wiretrace", "articles", "size"), rows)
    print("restore one with: wiretrace restore VERSION (its name or #)")


def _count(n: int | None) -> str:
    return "?" if n is None else str(n)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.1f} kB"


def _stories(args: argparse.Namespace) -> int:
    with closing(connect_reader(default_db_path(args.db))) as con:
        cursor = con.execute(sql("cli_stories"), {"limit": args.limit})
        header = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    _print_table(header, rows)
    return 0


def _run_stories(db: str, run_id: str, limit: int) -> int:
    """The largest stories the run created or grew (read from the hot part: as cheap in a year-long warehouse)."""
    with closing(connect_reader(db, hot_only=True)) as con:
        rows = con.execute(sql("run_report_stories"), {"run_id": run_id, "limit": limit}).fetchall()
    header = ["story", "status", "articles", "added", "outlets", "wire", "root", "headline"]
    shown = [(*row[:5], row[5] or "-", row[6], (row[7] or "")[:60]) for row in rows]
    print("stories this run created or grew, largest first (all: `wiretrace stories`)")
    _print_table(header, shown)
    return 0


def _explain(args: argparse.Namespace) -> int:
    from wiretrace.explain import ArticleView, explain_article, members_table, story_tree  # pyarrow: only here
    from wiretrace.lineage import LineageEdge

    with closing(connect_reader(default_db_path(args.db))) as con:
        members = {
            r[0]: ArticleView(*r)
            for r in con.execute(sql("cli_story_articles"), {"article_id": args.article_id}).fetchall()
        }
        article = members.get(args.article_id)
        if article is None:
            raise FileNotFoundError(f"no article {args.article_id!r} in the warehouse")
        story = con.execute(sql("cli_story"), {"story_id": article.story_id}).fetchone()
        headline, wire, root = story if story else (None, None, article.article_id)
        edges = [
            LineageEdge(*r) for r in con.execute(sql("cli_story_edges"), {"story_id": article.story_id}).fetchall()
        ]
        cites = [r[0] for r in con.execute(sql("cli_cited_sources"), {"article_id": article.article_id}).fetchall()]
    parents = [e for e in edges if e.article_id == article.article_id]
    children = [e for e in edges if e.parent_article_id == article.article_id]
    print(explain_article(article, headline, wire, parents, children, members, cites=cites))
    print("\nstory lineage:")
    print(story_tree(root, wire, edges, members))
    print("\nstory articles:")
    _print_table(*members_table(members, edges))
    return 0


def _sql(args: argparse.Namespace) -> int:
    params = _sql_params(args.param)
    if args.format == "parquet" and not args.output:
        raise InputError("--format parquet writes a file: add --output FILE")
    with closing(connect_reader(default_db_path(args.db))) as con:
        if args.format == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(con.sql(args.query, params=params or None).to_arrow_table(), args.output)
            return 0
        cursor = con.execute(args.query, params or None)
        header = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    with _output(args.output) as out:
        if args.format == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        elif args.format == "json":
            for row in rows:
                out.write(
                    json.dumps(dict(zip(header, row, strict=True)), default=_json_value, ensure_ascii=False) + "\n"
                )
        else:
            _print_table(header, rows, out)
    return 0


def _sql_params(texts: list[str]) -> dict[str, Any]:
    """``NAME=VALUE`` binds text, ``NAME:=JSON`` a JSON value (``20``, ``null``, ``["a", "b"]``)."""
    params: dict[str, Any] = {}
    for text in texts:
        name, sep, value = text.partition("=")
        if not sep or not name.rstrip(":").isidentifier():
            raise InputError(f"--param {text}: expected NAME=VALUE or NAME:=JSON")
        if name.endswith(":"):
            try:
                params[name[:-1]] = json.loads(value)
            except json.JSONDecodeError as err:
                raise InputError(f"--param {text}: not JSON ({err.msg})") from None
        else:
            params[name] = value
    return params


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        yield f


def _json_value(value: object) -> object:
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return str(value)


def _dashboard(args: argparse.Namespace) -> int:
    """Replace this process with ``streamlit run`` of the dashboard app (signals reach Streamlit)."""
    if importlib.util.find_spec("streamlit") is None:
        raise InputError("the dashboard needs Streamlit: pip install 'wiretrace[dashboard]'")
    db = default_db_path(args.db).resolve()
    if not db.exists():
        raise FileNotFoundError(f"no warehouse at {db}: run `wiretrace run` first or pass --db")
    app = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    os.environ["WIRETRACE_DB"] = str(db)
    command = [sys.executable, "-m", "streamlit", "run", str(app), *dashboard_options(args.host, args.port)]
    sys.stdout.flush()
    os.execv(sys.executable, command)


def dashboard_options(host: str, port: int) -> list[str]:
    """Streamlit settings: headless, no usage statistics, no file watching, the given address."""
    return [
        f"--server.address={host}",
        f"--server.port={port}",
        "--server.headless=true",
        "--server.fileWatcherType=none",
        "--server.runOnSave=false",
        "--browser.gatherUsageStats=false",
        "--global.developmentMode=false",
        "--client.toolbarMode=viewer",
    ]


def _eval(args: argparse.Namespace) -> int:
    if args.corpus == "news" and not args.file:
        raise InputError("eval news needs FILE: labelled articles as JSON Lines")
    _start_prefect()  # before Prefect is imported: it reads logging settings at import
    from workbench.evaluate import evaluate_clough, evaluate_news, evaluate_synthetic
    from workbench.newsdiag import format_news_result, measure_lines, overall_scores

    with tempfile.TemporaryDirectory(prefix="wiretrace-eval-") as tmp:
        if args.corpus == "news":
            results = evaluate_news(Path(args.file), Path(tmp), args.db)
            if len(results) > 1:
                overall = overall_scores(results)
                print(f"== all sets: {overall.n_articles} articles ==", *measure_lines(overall), sep="\n", end="\n\n")
            for result in results:
                print(format_news_result(result), end="\n\n")
            return 0
        db = args.db or str(Path(tmp) / "eval.duckdb")
        report = (
            evaluate_clough(db, dated=not args.undated)
            if args.corpus == "clough"
            else evaluate_synthetic(db, tmp, args.stories, args.seed)
        )
    for key, value in report.items():
        print(f"{key:<40} {value:.3f}" if isinstance(value, float) else f"{key:<40} {value}")
    return 0


#: Widest cell of table output; longer values are cut with an ellipsis (csv and json are whole).
MAX_CELL = 80


def _cell(value: object) -> str:
    """A value as one short line of a table cell."""
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(bytes(value))} bytes>"
    text = " ".join(str(value).split()) if isinstance(value, str) else str(value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _print_table(header: Sequence[str], rows: Sequence[Sequence[object]], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


if __name__ == "__main__":
    sys.exit(main())
