"""The ``wiretrace`` command line: run the pipeline, read stories and lineage, evaluate."""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from warehouse.connection import connect_reader, default_db_path
from wiretrace.errors import InputError
from wiretrace.explain import ArticleView, EdgeView, explain_article, story_tree

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
    except (InputError, FileNotFoundError) as err:
        print(f"wiretrace: {err}", file=sys.stderr)
        return 2
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
    run.set_defaults(func=_run)

    maintain = command("maintain", "compact the warehouse, re-run the data checks, delete leftovers of killed runs")
    maintain.set_defaults(func=_maintain)

    stories = command("stories", "list stories, largest first")
    stories.add_argument("--limit", type=int, default=20)
    stories.set_defaults(func=_stories)

    explain = command("explain", "explain where an article's text came from, with the evidence")
    explain.add_argument("article_id")
    explain.set_defaults(func=_explain)

    query = command("sql", "run read-only SQL against the warehouse")
    query.add_argument("query")
    query.add_argument("--format", choices=("table", "csv"), default="table")
    query.set_defaults(func=_sql)

    evaluate = command("eval", "score stories and lineage on a labelled corpus")
    evaluate.add_argument("corpus", choices=("clough", "synthetic"))
    evaluate.add_argument("--stories", type=int, default=200, help="synthetic: number of stories")
    evaluate.add_argument("--seed", type=int, default=7, help="synthetic: generator seed")
    evaluate.set_defaults(func=_eval)
    return parser


def _start_prefect(verbose: bool = False) -> None:
    for key, value in _PREFECT_DEFAULTS.items():
        if key == "PREFECT_LOGGING_LEVEL" and verbose:
            value = "INFO"
        os.environ.setdefault(key, value)


def run_pipeline(paths: list[str], db: str | None, verbose: bool = False) -> dict[str, Any]:
    """Validate inputs (fail fast, before Prefect starts), then run the flow."""
    from wiretrace.ingest import discover_inputs

    if paths:
        discover_inputs(paths)
    _start_prefect(verbose)
    from flows.run import wiretrace_run

    return wiretrace_run(paths=paths or None, db=str(default_db_path(db)))


def _run(args: argparse.Namespace) -> int:
    summary = run_pipeline(args.paths, args.db, args.verbose)
    print(
        f"wiretrace run {summary['run_id']} -> {summary['db']}\n"
        f"  articles read {summary['articles_read']}, new {summary['new_articles']}, "
        f"already stored {summary['already_stored']}, quarantined {summary['quarantined']}\n"
        f"  candidate pairs {summary['candidate_pairs']}, verified {summary['verified_pairs']}, "
        f"stories touched {summary['stories_touched']}\n"
        f"  warehouse: {summary['total_articles']} articles in {summary['total_stories']} stories, "
        f"{summary['total_primary_edges']} primary lineage edges, {summary['total_quarantined']} quarantined"
    )
    print()
    return _stories(argparse.Namespace(db=summary["db"], limit=10))


def _maintain(args: argparse.Namespace) -> int:
    _start_prefect()
    from flows.maintain import wiretrace_maintain

    result = wiretrace_maintain(db=str(default_db_path(args.db)))
    if result["status"] != "succeeded":
        print(f"wiretrace maintain: {result['status']} at {result['db']}")
        return 0
    print(
        f"wiretrace maintain {result['run_id']} -> {result['db']}: {result['rows']} rows checked, "
        f"{result['bytes_before']} -> {result['bytes_after']} bytes"
    )
    return 0


def _stories(args: argparse.Namespace) -> int:
    con = connect_reader(default_db_path(args.db))
    rows = con.execute(
        "SELECT story_id, n_articles, n_outlets, coalesce(wire_source, '-'), root_article_id, "
        "coalesce(strftime(first_published_at, '%Y-%m-%d'), '-'), left(coalesce(headline, ''), 60) "
        "FROM lineage.stories ORDER BY n_articles DESC, first_published_at DESC NULLS LAST, story_id LIMIT ?",
        [args.limit],
    ).fetchall()
    _print_table(["story", "articles", "outlets", "wire", "root", "first", "headline"], rows)
    return 0


def _explain(args: argparse.Namespace) -> int:
    con = connect_reader(default_db_path(args.db))
    row = con.execute(
        "SELECT article_id, outlet, title, published_at, story_id FROM lineage.articles WHERE article_id = ?",
        [args.article_id],
    ).fetchone()
    if row is None:
        raise FileNotFoundError(f"no article {args.article_id!r} in the warehouse")
    article = ArticleView(*row)
    story = con.execute(
        "SELECT headline, wire_source, root_article_id FROM lineage.stories WHERE story_id = ?",
        [article.story_id],
    ).fetchone()
    headline, wire, root = story if story else (None, None, article.article_id)
    members = {
        r[0]: ArticleView(*r)
        for r in con.execute(
            "SELECT article_id, outlet, title, published_at, story_id FROM lineage.articles WHERE story_id = ?",
            [article.story_id],
        ).fetchall()
    }
    edges = [
        EdgeView(*r)
        for r in con.execute(
            "SELECT article_id, parent_article_id, parent_source, relation, confidence, is_primary, evidence::VARCHAR "
            "FROM lineage.edges WHERE story_id = ?",
            [article.story_id],
        ).fetchall()
    ]
    parents = [e for e in edges if e.article_id == article.article_id]
    children = [e for e in edges if e.parent_article_id == article.article_id]
    print(explain_article(article, headline, wire, parents, children, members))
    print("\nstory lineage:")
    print(story_tree(root, wire, edges, members))
    return 0


def _sql(args: argparse.Namespace) -> int:
    con = connect_reader(default_db_path(args.db))
    cursor = con.execute(args.query)
    header = [d[0] for d in cursor.description or []]
    rows = cursor.fetchall()
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(header)
        writer.writerows(rows)
    else:
        _print_table(header, rows)
    return 0


def _eval(args: argparse.Namespace) -> int:
    from flows.evaluate import evaluate_clough, evaluate_synthetic

    with tempfile.TemporaryDirectory(prefix="wiretrace-eval-") as tmp:
        db = args.db or str(Path(tmp) / "eval.duckdb")
        _start_prefect()
        report = (
            evaluate_clough(db) if args.corpus == "clough" else evaluate_synthetic(db, tmp, args.stories, args.seed)
        )
    for key, value in report.items():
        print(f"{key:<40} {value:.3f}" if isinstance(value, float) else f"{key:<40} {value}")
    return 0


def _print_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


if __name__ == "__main__":
    sys.exit(main())
