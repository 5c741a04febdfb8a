"""End to end: ``wiretrace run`` on N generated articles against datasketch MinHash + MinHashLSH.

Generates N synthetic articles (seed 1) into a JSON Lines file, then, in one run on the same
corpus and shingling:

- ours: the real command ``wiretrace run CORPUS --db NEW_FILE`` as a child process, timed from
  spawn to exit (Prefect start-up, ingest, normalisation, signatures, candidates, verification,
  stories, lineage, data checks, publishing), its peak RSS, and its story-pair precision and
  recall and parent accuracy against the planted labels;
- the peer: datasketch per-document ``MinHash.update_batch`` + ``MinHashLSH`` (t=0.1) over the
  same texts, which finds candidate pairs only (no verification, stories or lineage).

    python -m benchmarks.end_to_end --articles 100000 --workdir /tmp/wt-e2e
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

from benchmarks.stages import Stage, datasketch_lsh, datasketch_signatures, timed
from wiretrace.params import PipelineParams
from workbench.evaluate import predicted_lineage
from workbench.scores import parent_accuracy, story_scores
from workbench.synth import iter_articles, stories_for_articles, write_jsonl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default="wt-end-to-end")
    parser.add_argument("--no-peer", action="store_true", help="skip datasketch")
    args = parser.parse_args()

    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    corpus_path, db = work / f"corpus-{args.articles}.jsonl", work / f"warehouse-{args.articles}.duckdb"
    if db.exists():
        sys.exit(f"{db} exists; the benchmark needs a new warehouse")
    articles = list(islice(iter_articles(stories_for_articles(args.articles), args.seed), args.articles))
    write_jsonl(articles, corpus_path)
    n, mb = len(articles), corpus_path.stat().st_size / 1e6
    print(f"corpus: {n} articles, {mb:.1f} MB JSON Lines ({corpus_path})", flush=True)

    wiretrace = str(Path(sys.executable).parent / "wiretrace")
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    started = time.perf_counter()
    done = subprocess.run(
        [wiretrace, "run", str(corpus_path), "--db", str(db)], env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"wiretrace run failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child: the run
    ours = Stage("wiretrace run (end to end)", seconds, n, mb, peak_mb)

    story, parent = predicted_lineage(str(db))
    scores = story_scores(story, {a.article_id: a.story_key for a in articles})
    accuracy = parent_accuracy(parent, {a.article_id: a.parent_article_id or a.parent_source for a in articles})

    stages = [ours]
    if not args.no_peer:
        params = PipelineParams()
        texts, ids = [a.text for a in articles], [a.article_id for a in articles]
        del articles
        minhashes = timed(
            stages, "datasketch MinHash update_batch", n, mb, lambda: datasketch_signatures(texts, params)
        )
        pairs = timed(
            stages,
            "datasketch MinHashLSH t=0.1",
            n,
            mb,
            lambda: datasketch_lsh(ids, minhashes, 0.1, params.signature.num_perm),
        )
        print(f"datasketch candidate pairs: {pairs} ({pairs / n:.2f} per article)")

    print("\n| stage | seconds | articles/s | MB/s | peak RSS (MB) |\n|---|---:|---:|---:|---:|")
    for s in stages:
        print(f"| {s.name} | {s.seconds:.2f} | {s.rate:,.0f} | {s.megabytes / s.seconds:.1f} | {s.peak_mb:,.0f} |")
    if len(stages) == 3:
        peer = stages[1].seconds + stages[2].seconds
        print(f"\nours {seconds:.1f} s vs peer {peer:.1f} s: {peer / seconds:.2f}x")
    print(f"story pairs: precision {scores.precision:.4f}, recall {scores.recall:.4f}, ARI {scores.ari:.4f}")
    print(f"parent accuracy: {accuracy:.4f}")


if __name__ == "__main__":
    main()
