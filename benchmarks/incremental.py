"""Incremental runs: the time of each ``wiretrace run`` as the warehouse grows.

Generates ``--runs`` shards of about ``--per-run`` synthetic articles (the shards of one corpus:
stories continue across them) and runs the real flow on each, in one process (one Prefect
start), into one warehouse. Prints every run's wall time, articles, warehouse size, and the
first / middle / last runs side by side.

    python -m benchmarks.incremental --runs 100 --per-run 1000 --workdir /tmp/wt-incremental
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.prefect_env import quiet_prefect
from workbench.synth import iter_articles, stories_for_articles, write_jsonl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--per-run", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default="wt-incremental")
    args = parser.parse_args()

    quiet_prefect()
    from flows.run import wiretrace_run  # after the environment: Prefect reads it at import

    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    db = work / "warehouse.duckdb"
    stories = stories_for_articles(args.per_run)
    print(f"{'run':>4} {'articles':>8} {'total':>8} {'seconds':>8} {'db MB':>8}")
    rows: list[tuple[int, int, int, float, float]] = []
    total = 0
    for run in range(args.runs):
        shard = work / f"shard-{run:04d}.jsonl"
        write_jsonl(iter_articles(stories, args.seed, first_story=run * stories), shard)
        started = time.perf_counter()
        summary = wiretrace_run(paths=[str(shard)], db=str(db))
        seconds = time.perf_counter() - started
        total = int(summary["total_articles"])
        size = db.stat().st_size / 2**20
        rows.append((run + 1, int(summary["new_articles"]), total, seconds, size))
        print(f"{run + 1:>4} {rows[-1][1]:>8} {total:>8} {seconds:>8.2f} {size:>8.1f}", flush=True)
        shard.unlink()
    picks = {"first": rows[0], "middle": rows[len(rows) // 2], "last": rows[-1]}
    print("\nrun     articles in warehouse   seconds")
    for name, (run, _, tot, sec, _) in picks.items():
        print(f"{name:<7} {tot:>21} {sec:>9.2f}   (run {run})")


if __name__ == "__main__":
    main()
