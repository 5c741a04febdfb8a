"""MinHash signatures and band keys of the run's new articles (and of stored articles signed
with other parameters)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from importlib.metadata import version

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from tasks._pool import Cluster
from tasks._progress import progress_bar
from warehouse.connection import connect_writer, row_count, sql
from wiretrace.params import SignatureParams
from wiretrace.signatures import band_keys, sign_arrow

CHUNK = 20_000  # articles read, signed and stored at a time
#: Articles per signing job on a cluster: small enough that several jobs keep its workers busy.
CLUSTER_CHUNK = 5000

#: Starts signing one ``article_id, clean_text`` batch; the returned callable waits for its signatures.
StartSigning = Callable[[pa.RecordBatch], Callable[[], pa.Table]]


@contextmanager
def run_texts(work: str, params_id: str, chunk: int) -> Iterator[tuple[int, pa.RecordBatchReader]]:
    """(how many articles have no signature under ``params_id``, their ``article_id, clean_text``
    as Arrow batches of ``chunk`` rows): the run's new articles, plus every stored article signed
    only with other parameters (after an upgrade that changes them, the first run signs those).

    The batches stream from the working copy: memory holds one batch, not the run.
    """
    with closing(connect_writer(work)) as reader:
        query = sql("texts_to_sign")
        total = row_count(reader, query, {"params_id": params_id})
        texts = reader.sql(query, params={"params_id": params_id})
        yield total, texts.to_arrow_reader(chunk)


def sign_and_store(
    work: str,
    run_id: str,
    params: SignatureParams,
    chunk: int,
    start: StartSigning,
    in_flight: int = 1,
) -> int:
    """Sign every article without a signature under ``params``, ``chunk`` articles at a time, and
    store each chunk's signatures (:func:`store_signatures`); return how many were signed.

    ``start`` begins signing a chunk (here or elsewhere); chunks are stored in reading order, and
    at most ``in_flight`` are being signed and not yet stored, so memory holds that many chunks.
    """
    signed = 0
    pending: deque[tuple[int, Callable[[], pa.Table]]] = deque()
    with run_texts(work, params.params_id, chunk) as (total, batches), progress_bar("signatures", total) as advance:
        for batch in batches:
            pending.append((batch.num_rows, start(batch)))
            while len(pending) >= in_flight:
                rows, signatures = pending.popleft()
                signed += store_signatures(work, run_id, params, signatures())
                advance(rows)
        while pending:
            rows, signatures = pending.popleft()
            signed += store_signatures(work, run_id, params, signatures())
            advance(rows)
    return signed


@task(name="sign", cache_policy=NO_CACHE)
def sign_task(work: str, run_id: str, params: SignatureParams) -> int:
    """:func:`sign` in this process."""
    return sign(work, run_id, params)


def sign(work: str, run_id: str, params: SignatureParams, cluster: Cluster | None = None) -> int:
    """Sign every article without a signature under ``params`` (this run's, and older ones signed
    with other parameters); return how many were signed.

    In this process, articles are read, signed and stored ``CHUNK`` at a time; on ``cluster``,
    ``CLUSTER_CHUNK`` at a time, one job per chunk, at most one more in flight than it has
    workers, stored here in reading order. Memory does not grow with the run.

    On ``cluster``, call it from the flow, not from inside a task: a task submitted from a task
    carries that task's parameters to the worker.
    """
    if cluster is not None:
        workers = cluster.workers()

        def submit(batch: pa.RecordBatch) -> Callable[[], pa.Table]:
            return cluster.submit(sign_chunk, batch, params).result

        return sign_and_store(work, run_id, params, CLUSTER_CHUNK, submit, in_flight=workers + 1)

    def start(batch: pa.RecordBatch) -> Callable[[], pa.Table]:
        signatures = sign_chunk(batch, params)
        return lambda: signatures

    return sign_and_store(work, run_id, params, CHUNK, start)


def sign_chunk(batch: pa.RecordBatch, params: SignatureParams) -> pa.Table:
    """Signatures of one ``article_id, clean_text`` batch: pure computation, safe on any worker (no warehouse)."""
    return sign_arrow(batch.column("article_id"), batch.column("clean_text"), params)


def store_signatures(work: str, run_id: str, params: SignatureParams, signatures: pa.Table) -> int:
    """Write signatures, their band keys and ``params`` (once) in one transaction; return how many
    articles were signed."""
    keys = band_keys(signatures, params)
    with transaction(work) as con:
        con.execute(
            sql("insert_signature_params"),
            {
                "params_id": params.params_id,
                "num_perm": params.num_perm,
                "seed": params.seed,
                "scheme": params.scheme,
                "hash_function": params.hash_function,
                "shingle_size": params.shingle_size,
                "bands": params.bands,
                "rows": params.rows,
                "max_bucket": params.max_bucket,
                "datasketch": version("datasketch"),
                "run_id": run_id,
            },
        )
        con.register("new_signatures", signatures)
        con.register("new_band_keys", keys)
        con.execute(sql("insert_signatures"), {"run_id": run_id})
        con.execute(sql("insert_band_keys"))
    get_run_logger().info("signed %d articles (%d band keys)", signatures.num_rows, keys.num_rows)
    return signatures.num_rows
