"""Speed benchmark: wiretrace's signature and candidate stages against datasketch, same corpus.

Run ``python -m benchmarks.bench --articles 100000``.
It generates ``N`` synthetic articles (:mod:`workbench.synth`, raw text as generated) and
times, in one process and on the same texts and shingling (word 3-shingles, 128
permutations, ``affine32``, seed 1, xxh32):

* ``python tokens``: ``re.findall(r"\\w+", text.lower())`` alone, the floor of any
  pipeline that tokenises in Python;
* ``kernel load``: the first call, which loads (or on a fresh checkout compiles) the
  numba kernel; reported apart, not in the signature stage;
* ``texts to Arrow``: the Python strings into Arrow string arrays, ``--batch-size`` at a
  time (the pipeline reads its texts from DuckDB as Arrow, so it never pays this);
* ``signatures``: :func:`wiretrace.signatures.sign_arrow` on those arrays (compiled kernel
  reading the UTF-8 buffers in place, one thread per CPU); the benchmark prints the
  speed-up over datasketch with and without the conversion;
* ``band keys``: :func:`wiretrace.signatures.band_keys`, one signature batch at a time (at
  128 bands, all of 1M articles' keys would not fit in memory);
* ``load keys``: article dates, signatures and band keys into a fresh warehouse (the real
  migrations; in memory unless ``--db``), batch by batch; DuckDB's time only;
* ``candidates``: the pipeline's own ``warehouse/queries/candidate_pairs.sql`` (bucket cap,
  14-day window) with every article new;
* the peer, datasketch: per-document ``MinHash.update_batch`` (same hash function, so the
  signatures must be identical, and the benchmark checks they are), then ``MinHashLSH``
  insert + query of every article at ``--lsh-threshold`` (default 0.1, our low-threshold
  regime: datasketch picks 64 bands x 2 rows). With ``--peer-sample M`` the peer runs on the
  first ``M`` articles only and its times are extrapolated linearly; the output says so.

With ``--repeat R`` the token, signature and band-key stages, ours and the peer's alike,
run ``R`` times and the fastest run is reported (the least disturbed by other work on a
shared machine); the load average before and after is printed.

Memory is the process's resident-set high-water mark during each stage (Linux ``VmHWM``,
reset before each stage through ``/proc/self/clear_refs``); it includes the corpus held in
memory. Candidates per article = candidate pairs / articles.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tasks.sign import CHUNK

if TYPE_CHECKING:
    from benchmarks.stages import Stage


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The benchmark's options."""
    p.add_argument("--articles", type=int, default=10_000, help="number of synthetic articles (default 10000)")
    p.add_argument("--seed", type=int, default=1, help="generator seed")
    p.add_argument(
        "--batch-size", type=int, default=CHUNK, help=f"articles per signature batch (default: the pipeline's {CHUNK})"
    )
    p.add_argument("--threads", type=int, default=None, help="signature kernel threads (default: one per CPU)")
    p.add_argument("--lsh-threshold", type=float, default=0.1, help="datasketch MinHashLSH threshold (default 0.1)")
    p.add_argument("--peer-sample", type=int, default=None, help="run the peer on this many articles, extrapolate")
    p.add_argument("--no-peer", action="store_true", help="skip datasketch")
    p.add_argument(
        "--memory-limit",
        type=_memory_limit,
        default=None,
        help="DuckDB memory_limit for the benchmark's warehouse, e.g. 8GB (default: DuckDB's, 80%% of RAM)",
    )
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the token, signature and band-key stages (ours and the peer's) R times, keep the best",
    )


def bench(args: argparse.Namespace) -> int:
    """Run the benchmark with parsed options; print the figures and a Markdown table.

    ``args.db`` (optional) is the file for the benchmark's warehouse; by default it is in memory.
    """
    if args.articles <= 0 or args.repeat <= 0 or (args.peer_sample is not None and args.peer_sample <= 0):
        print("benchmarks.bench: --articles, --repeat and --peer-sample must be positive", file=sys.stderr)
        return 2
    if args.db and os.path.exists(args.db):
        print(f"benchmarks.bench: {args.db} exists; the benchmark needs a new file", file=sys.stderr)
        return 2
    from benchmarks.stages import run

    print(f"load average before: {_load()} on {os.cpu_count()} CPUs")
    stages = run(args)
    print(f"load average after: {_load()}")
    print()
    print_table(stages)
    return 0


def print_table(stages: list[Stage]) -> None:
    """The stages as a Markdown table."""
    print("| stage | seconds | articles/s | MB/s | peak RSS (MB) | note |")
    print("|---|---:|---:|---:|---:|---|")
    for s in stages:
        mbs = f"{s.megabytes / s.seconds:.1f}" if s.megabytes and s.seconds > 0 else "-"
        print(f"| {s.name} | {s.seconds:.2f} | {s.rate:,.0f} | {mbs} | {s.peak_mb:,.0f} | {s.note} |")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    add_arguments(p)
    p.add_argument("--db", help="file for the benchmark's warehouse (default: in memory)")
    return bench(p.parse_args(argv))


def _memory_limit(value: str) -> str:
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", value):
        raise argparse.ArgumentTypeError(f"not a DuckDB memory size such as 8GB or 512MiB: {value!r}")
    return value


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
