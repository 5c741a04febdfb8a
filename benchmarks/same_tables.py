"""Whether two versions of the code write the same tables: a digest of every table and view.

``dump`` runs the pipeline through the command line (so it works on any version that has the
same commands) on the seeds, Clough–Stevenson, a synthetic corpus of about 20,000 articles and,
when given, the labelled real-news file, and writes one digest per warehouse; ``compare``
says, table by table, where two dumps differ. Only what a run cannot repeat is left out of a
digest: run ids, wall-clock times and the paths of input files (temporary folders); the run
log (``wt.runs``) is compared by its counts alone.

    python -m benchmarks.same_tables dump /tmp/before [--news /tmp/news-dev.jsonl] [--wiretrace CMD]
    python -m benchmarks.same_tables compare /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path

import duckdb

#: Columns that differ between two runs of the same code on the same input.
VOLATILE = frozenset(
    {
        "run_id",
        "flow_run_id",
        "created_run",
        "first_run_id",
        "seen_at",
        "first_seen_at",
        "updated_at",
        "quarantined_at",
        "fetched_at",
        "applied_at",
        "started_at",
        "finished_at",
        "source_file",
    }
)

#: The table of runs is compared by what each run counted.
ONLY = {("wt", "runs"): ("counts",), ("lineage", "runs"): ("counts",)}

SYNTHETIC_STORIES = 7000  # about 20,000 articles at seed 7


def table_digests(db: Path) -> dict[str, dict[str, object]]:
    """``{schema.table: {"rows": n, "md5": digest of the sorted rows' text}}`` for every table
    and view of the ``wt`` and ``lineage`` schemas, without the volatile columns."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables"
            " WHERE table_schema IN ('wt', 'lineage') ORDER BY ALL"
        ).fetchall()
        out: dict[str, dict[str, object]] = {}
        for schema, table in tables:
            columns = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                    [schema, table],
                ).fetchall()
                if c not in VOLATILE
            ]
            keep = ONLY.get((schema, table))
            columns = [c for c in columns if keep is None or c in keep]
            select = ", ".join(f'"{c}"' for c in columns)
            rows, digest = con.execute(
                f"SELECT count(*), md5(coalesce(string_agg(r, chr(10) ORDER BY r), ''))"
                f' FROM (SELECT CAST(t AS VARCHAR) AS r FROM (SELECT {select} FROM "{schema}"."{table}") t)'
            ).fetchone()
            out[f"{schema}.{table}"] = {"rows": rows, "md5": digest}
        return out
    finally:
        con.close()


def dump(out: Path, news: Path | None, command: list[str]) -> None:
    """Run every corpus into ``out`` with the ``wiretrace`` command ``command`` and write
    ``out/<warehouse>.json`` digests."""
    out.mkdir(parents=True, exist_ok=False)

    def wiretrace(*args: str) -> None:
        print("$ wiretrace", " ".join(args), flush=True)
        subprocess.run([*command, *args], check=True, stdout=subprocess.DEVNULL)

    wiretrace("run", "--db", str(out / "seeds.duckdb"))
    wiretrace("eval", "clough", "--db", str(out / "clough.duckdb"))
    wiretrace(
        "eval", "synthetic", "--stories", str(SYNTHETIC_STORIES), "--seed", "7", "--db", str(out / "synthetic.duckdb")
    )
    if news is not None:
        wiretrace("eval", "news", str(news), "--db", str(out / "news.duckdb"))
    for db in sorted(out.glob("*.duckdb")):
        (out / f"{db.stem}.json").write_text(json.dumps(table_digests(db), indent=1, sort_keys=True))


def compare(before: Path, after: Path) -> int:
    """Print each warehouse's tables that differ; 0 when every table is the same."""
    differ = 0
    for left in sorted(before.glob("*.json")):
        right = after / left.name
        if not right.exists():
            print(f"{left.stem}: missing from {after}")
            differ += 1
            continue
        a, b = json.loads(left.read_text()), json.loads(right.read_text())
        changed = [t for t in sorted(a.keys() | b.keys()) if a.get(t) != b.get(t)]
        print(f"{left.stem}: {len(a)} tables and views, {'all the same' if not changed else 'differ:'}")
        for t in changed:
            print(f"  {t}: {a.get(t)} -> {b.get(t)}")
        differ += len(changed)
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="run every corpus and write table digests into a new folder")
    d.add_argument("out", type=Path)
    d.add_argument("--news", type=Path, help="the labelled real-news file (news dev sets joined with their texts)")
    d.add_argument(
        "--wiretrace",
        default=str(Path(sys.executable).with_name("wiretrace")),
        help="how to call wiretrace (default: the installed command), e.g. 'python -m flows.cli' for an older tree",
    )
    c = sub.add_parser("compare", help="say which tables differ between two dumps")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.out, args.news, shlex.split(args.wiretrace))
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
