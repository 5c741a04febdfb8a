"""The benchmark's stages: corpus, wiretrace's signature and candidate stages, the datasketch peer.

See :mod:`benchmarks.bench` for what each stage measures.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from importlib import resources
from itertools import islice
from typing import TypeVar

import duckdb
import numpy as np
import pyarrow as pa
from datasketch import MinHash, MinHashLSH

from warehouse.connection import sql
from warehouse.migrate import migrate
from wiretrace.params import PipelineParams, SignatureParams
from wiretrace.shingles import text_shingles, tokens
from wiretrace.signatures import band_keys, hash_shingle, iter_signatures, sign_arrow
from workbench.synth import iter_articles, stories_for_articles

T = TypeVar("T")
RUN_ID = "bench"


@dataclass(frozen=True)
class Stage:
    """One timed stage: ``articles`` processed in ``seconds``; ``peak_mb`` is VmHWM during it."""

    name: str
    seconds: float
    articles: int
    megabytes: float
    peak_mb: float
    note: str = ""

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else float("inf")


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # resets VmHWM to the current RSS
    except OSError:
        pass


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(
    stages: list[Stage],
    name: str,
    articles: int,
    megabytes: float,
    fn: Callable[[], T],
    note: str = "",
    repeat: int = 1,
) -> T:
    """Run ``fn`` ``repeat`` times, record the fastest run as a stage, return the last result.

    The best of several runs is the least disturbed by other work on a shared machine.
    """
    _reset_peak()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    if repeat > 1:
        note = f"{note}, best of {repeat}" if note else f"best of {repeat}"
    record(stages, Stage(name, best, articles, megabytes, _peak_mb(), note))
    return result


def record(stages: list[Stage], stage: Stage) -> None:
    """Add a finished stage and print it at once, so a run that dies later still shows it."""
    stages.append(stage)
    print(f"  {stage.name}: {stage.seconds:.2f} s, peak RSS {stage.peak_mb:,.0f} MB", flush=True)


def load_warehouse(
    con: duckdb.DuckDBPyConnection,
    ids: list[str],
    dates: list[datetime],
    signatures: Sequence[pa.Table],
    params: SignatureParams,
) -> float:
    """A fresh warehouse (real migrations) holding the articles' dates, signatures and band keys.

    Band keys are made and inserted one signature batch at a time, so at most one batch's keys
    (128 rows per article) is ever in memory. Returns the seconds spent in DuckDB, that is
    without making the keys again (the band-key stage measures that).
    """
    start = time.perf_counter()
    migrate(con)
    con.register("bench_articles", pa.table({"article_id": ids, "published_at": pa.array(dates, pa.timestamp("us"))}))
    con.execute(_bench_sql("load_articles"), {"run_id": RUN_ID, "loaded_at": datetime.now(UTC)})
    con.unregister("bench_articles")
    in_duckdb = time.perf_counter() - start
    for batch in signatures:
        keys = band_keys(batch, params)
        start = time.perf_counter()
        con.register("bench_signatures", batch)
        con.register("bench_band_keys", keys)
        con.execute(_bench_sql("load_signatures"), {"run_id": RUN_ID})
        con.execute(_bench_sql("load_band_keys"))
        con.unregister("bench_signatures")
        con.unregister("bench_band_keys")
        in_duckdb += time.perf_counter() - start
        del keys
    return in_duckdb


def candidate_pairs(con: duckdb.DuckDBPyConnection, params: PipelineParams) -> int:
    """Number of candidate pairs the pipeline's candidate query finds among the run's articles."""
    window = params.verify.time_window_days
    con.execute(
        f"CREATE TEMP TABLE bench_pairs AS {sql('candidate_pairs')}",
        {
            "params_id": params.signature.params_id,
            "run_id": RUN_ID,
            "max_bucket": params.signature.max_bucket,
            "min_shared_bands": params.signature.min_shared_bands,
            "window_minutes": None if window is None else int(window * 24 * 60),
        },
    )
    row = con.execute("SELECT count(*) FROM bench_pairs").fetchone()
    return int(row[0]) if row else 0


def datasketch_signatures(texts: Sequence[str], params: PipelineParams) -> list[MinHash]:
    """The peer: one datasketch MinHash per document, updated with its shingles in one batch."""
    sig = params.signature
    template = MinHash(num_perm=sig.num_perm, seed=sig.seed, scheme=sig.scheme, hashfunc=hash_shingle)
    out = []
    for text in texts:
        m = template.copy()
        m.update_batch([s.encode("utf-8") for s in text_shingles(text, sig.shingle_size)])
        out.append(m)
    return out


def datasketch_lsh(ids: Sequence[str], minhashes: Sequence[MinHash], threshold: float, num_perm: int) -> int:
    """The peer's candidate pairs: MinHashLSH insert of every article, then a query of each.

    Bands are symmetric, so each pair is returned by both of its articles' queries.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    with lsh.insertion_session() as session:
        for key, m in zip(ids, minhashes, strict=True):
            session.insert(key, m, check_duplication=False)
    found = sum(len(lsh.query(m)) for m in minhashes)
    return (found - len(ids)) // 2


def run(args: argparse.Namespace) -> list[Stage]:
    """Every stage on one generated corpus (options: :func:`benchmarks.bench.add_arguments`)."""
    params = PipelineParams()
    stages: list[Stage] = []
    n = args.articles

    def generate() -> list[tuple[str, str, datetime]]:
        articles = iter_articles(stories_for_articles(n), args.seed)
        return [(a.article_id, a.text, a.published_at) for a in islice(articles, n)]

    corpus = timed(stages, "generate corpus", n, 0.0, generate)
    ids = [c[0] for c in corpus]
    texts = [c[1] for c in corpus]
    dates = [c[2].astimezone(UTC).replace(tzinfo=None) for c in corpus]
    del corpus
    n = len(ids)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    stages[0] = Stage(stages[0].name, stages[0].seconds, n, mb, stages[0].peak_mb)
    non_ascii = sum(not t.isascii() for t in texts)
    print(f"corpus: {n} articles, {mb:.1f} MB UTF-8 ({mb * 1e3 / n:.2f} KB/article, {non_ascii} not ASCII)")

    r = args.repeat
    timed(stages, "python tokens (re.findall)", n, mb, lambda: sum(len(tokens(t)) for t in texts), repeat=r)

    timed(stages, "kernel load (numba cache)", 1, 0.0, lambda: list(iter_signatures(["w"], ["x"], params.signature)))

    threads = f"threads={args.threads or os.cpu_count()}"
    size = args.batch_size

    def to_arrow() -> list[tuple[pa.Array, pa.Array]]:
        return [
            (pa.array(ids[i : i + size], pa.string()), pa.array(texts[i : i + size], pa.string()))
            for i in range(0, n, size)
        ]

    # The pipeline's signature stage reads texts from DuckDB as Arrow batches; here they come
    # from Python strings, so the conversion is its own stage.
    arrow = timed(stages, "texts to Arrow (pa.array)", n, mb, to_arrow, f"batches of {size}", repeat=r)
    sign = partial(sign_arrow, params=params.signature, threads=args.threads)
    signed = partial(lambda batches: [sign(i, t) for i, t in batches], arrow)
    batches = timed(stages, "signatures (wiretrace)", n, mb, signed, f"{threads}, from Arrow", repeat=r)
    del arrow, signed

    def count_band_keys() -> int:
        # Batch by batch, each batch's keys dropped once counted: 128 rows per article do not fit at 1M.
        return sum(band_keys(batch, params.signature).num_rows for batch in batches)

    n_keys = timed(stages, "band keys (wiretrace)", n, mb, count_band_keys, "per signature batch", repeat=r)
    print(f"band keys: {n_keys:,} rows")
    con = duckdb.connect(args.db or ":memory:")
    if args.memory_limit:
        con.execute(f"SET memory_limit = '{args.memory_limit}'")
    _reset_peak()
    in_duckdb = load_warehouse(con, ids, dates, batches, params.signature)
    load_note = "DuckDB time only; the keys are made again per batch, outside it"
    record(stages, Stage("load keys into DuckDB", in_duckdb, n, mb, _peak_mb(), load_note))
    pairs = timed(stages, "candidate pairs (DuckDB SQL)", n, mb, lambda: candidate_pairs(con, params))
    con.close()
    ours = sum(s.seconds for s in stages if s.name in {"signatures (wiretrace)", "band keys (wiretrace)"})
    ours_with_sql = ours + sum(s.seconds for s in stages if "DuckDB" in s.name)
    print(
        f"wiretrace: {pairs} candidate pairs, {pairs / n:.2f} per article "
        f"(bucket cap {params.signature.max_bucket}, at least {params.signature.min_shared_bands} shared bands)"
    )

    if args.no_peer:
        return stages
    m = min(args.peer_sample or n, n)
    scale = n / m
    note = f"run on {m} of {n} articles, times x{scale:.2f} (extrapolated)" if m < n else ""
    peer_mb = sum(len(t.encode("utf-8")) for t in texts[:m]) / 1e6
    peer = timed(
        stages,
        "datasketch MinHash update_batch",
        m,
        peer_mb,
        lambda: datasketch_signatures(texts[:m], params),
        repeat=r,
    )
    reference = np.stack([p.hashvalues for p in peer])
    fast = pa.concat_tables(batches).slice(0, m).column("minhash").combine_chunks().flatten().to_numpy().reshape(m, -1)
    identical = int(np.all(reference == fast, axis=1).sum())
    print(f"signatures identical to datasketch: {identical}/{m}")
    lsh = MinHashLSH(threshold=args.lsh_threshold, num_perm=params.signature.num_perm)
    peer_pairs = timed(
        stages,
        f"datasketch MinHashLSH t={args.lsh_threshold} (b={lsh.b}, r={lsh.r})",
        m,
        peer_mb,
        lambda: datasketch_lsh(ids[:m], peer, args.lsh_threshold, params.signature.num_perm),
    )
    print(f"datasketch: {peer_pairs} candidate pairs among {m} articles, {peer_pairs / m:.2f} per article")
    peer_sig, peer_lsh = stages[-2].seconds * scale, stages[-1].seconds * scale
    signature_s = next(s.seconds for s in stages if s.name == "signatures (wiretrace)")
    arrow_s = next(s.seconds for s in stages if s.name == "texts to Arrow (pa.array)")
    print(f"speed-up, signatures: {peer_sig / signature_s:.1f}x ({peer_sig:.2f} s vs {signature_s:.2f} s) {note}")
    print(
        f"speed-up, signatures from Python strings (Arrow conversion included): "
        f"{peer_sig / (signature_s + arrow_s):.1f}x ({peer_sig:.2f} s vs {signature_s + arrow_s:.2f} s)"
    )
    print(
        f"speed-up, signatures + candidates: {(peer_sig + peer_lsh) / ours:.1f}x without the DuckDB stages, "
        f"{(peer_sig + peer_lsh) / ours_with_sql:.1f}x with them ({peer_sig + peer_lsh:.2f} s vs {ours:.2f} s / "
        f"{ours_with_sql:.2f} s)"
    )
    if note:
        stages[-2:] = [
            Stage(s.name, s.seconds * scale, n, mb, s.peak_mb, ", ".join(filter(None, [s.note, note])))
            for s in stages[-2:]
        ]
    return stages


def _bench_sql(name: str) -> str:
    return resources.files("benchmarks").joinpath(f"{name}.sql").read_text(encoding="utf-8")
