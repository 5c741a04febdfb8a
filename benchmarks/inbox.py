"""The inbox: the cost of a run over an inbox whose files were all taken, against reading them all again.

Writes ``--files`` small input files (one synthetic article each, as JSON Lines) into an inbox
and runs the real flow, in one process (one Prefect start), into one warehouse:

1. ``inbox`` run that takes every file (the first run);
2. ``inbox`` run with every file already taken (quick check: size and time, nothing opened);
3. the same after touching every file (same bytes, new time: every file hashed, none taken);
4. the old behaviour: ``paths=[inbox]``, every file read and normalised again (all already stored).

Also times the selection alone (listing, and listing plus hashing every file) outside Prefect.

    python -m benchmarks.inbox --files 2000 --workdir /tmp/wt-inbox-bench
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path

from benchmarks.prefect_env import quiet_prefect
from workbench.synth import iter_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--workdir", default="wt-inbox-bench")
    args = parser.parse_args()

    quiet_prefect()
    from flows.run import wiretrace_run  # after the environment: Prefect reads it at import
    from wiretrace.inbox import hash_path, inbox_root, scan_inbox, select_files

    work = Path(args.workdir)
    shutil.rmtree(work, ignore_errors=True)
    inbox = work / "inbox"
    inbox.mkdir(parents=True)
    db = work / "warehouse.duckdb"
    articles = iter_articles(args.files, seed=3)  # at least one article per story: enough for --files
    for i in range(args.files):
        article = next(articles)
        (inbox / f"{i:05d}.jsonl").write_text(json.dumps(article.record(), ensure_ascii=False) + "\n", "utf-8")
    size = sum(f.stat().st_size for f in inbox.iterdir())
    print(f"{args.files} files, {size / 2**20:.1f} MB in {inbox}")

    wiretrace_run(paths=[str(inbox / "00000.jsonl")], db=str(work / "warm-up.duckdb"))  # Prefect's start-up

    def timed(label: str, **kwargs: object) -> None:
        started = time.perf_counter()
        summary = wiretrace_run(db=str(db), **kwargs)  # type: ignore[arg-type]
        seconds = time.perf_counter() - started
        keys = ("articles_read", "new_articles", "already_stored", "inbox_taken", "inbox_hashed")
        counts = ", ".join(f"{k} {summary.get(k, '-')}" for k in keys)
        print(f"{label:<44} {seconds:8.2f} s   run {summary['run_id'] or 'none'}: {counts}", flush=True)

    timed("1 inbox, every file new", inbox=str(inbox))
    timed("2 inbox, every file already taken", inbox=str(inbox))
    for f in inbox.iterdir():
        st = f.stat()
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    timed("3 inbox, every file touched (all hashed)", inbox=str(inbox))
    timed("4 old: paths=[inbox], every file read again", paths=[str(inbox)])

    root = inbox_root(inbox)
    started = time.perf_counter()
    found = scan_inbox(root)
    listed = time.perf_counter() - started
    started = time.perf_counter()
    select_files(str(root), found, {})  # nothing taken: every file hashed
    hashed = time.perf_counter() - started
    print(f"selection alone: listing {listed * 1000:.0f} ms, hashing every file {hashed * 1000:.0f} ms")
    assert hash_path(found[0].path) is not None


if __name__ == "__main__":
    main()
