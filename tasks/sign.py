"""MinHash signatures and band keys of the run's new articles (and of stored articles signed
with other parameters)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager
from importlib.metadata import version

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from tasks._progress import progress_bar
from warehouse.connection import connect_writer, sql
from wiretrace.params import SignatureParams
from wiretrace.signatures import band_keys, sign_arrow

CHUNK = 20_000  # articles read, signed and stored at a time


@contextmanager
def run_texts(work: str, params_id: str, chunk: int) -> Iterator[tuple[int, pa.RecordBatchReader]]:
    """(how many articles have no signature under ``params_id``, their ``article_id, clean_text``
    as Arrow batches of ``chunk`` rows): the run's new articles, plus every stored article signed
    only with other parameters (after an upgrade that changes them, the first run signs those).

    The batches stream from the working copy: memory holds one batch, not the run.
    """
    with closing(connect_writer(work)) as reader:
        query = sql("texts_to_sign")
        [(total,)] = reader.execute(f"SELECT count(*) FROM ({query})", {"params_id": params_id}).fetchall()
        texts = reader.sql(query, params={"params_id": params_id})
        yield total, texts.to_arrow_reader(chunk)


@task(name="sign", cache_policy=NO_CACHE)
def sign_task(work: str, run_id: str, params: SignatureParams) -> int:
    """Sign every article without a signature under ``params`` (this run's, and older ones signed
    with other parameters); return how many were signed.

    Articles are read, signed and stored ``CHUNK`` at a time: memory does not grow with the run.
    """
    signed = 0
    with run_texts(work, params.params_id, CHUNK) as (total, batches), progress_bar("signatures", total) as advance:
        for batch in batches:
            signed += store_signatures_task.fn(work, run_id, params, sign_chunk_task.fn(batch, params))
            advance(batch.num_rows)
    return signed


@task(name="sign-chunk", cache_policy=NO_CACHE)
def sign_chunk_task(batch: pa.RecordBatch, params: SignatureParams) -> pa.Table:
    """Signatures of one ``article_id, clean_text`` batch: pure computation, safe on any worker (no warehouse)."""
    return sign_arrow(batch.column("article_id"), batch.column("clean_text"), params)


@task(name="store-signatures", cache_policy=NO_CACHE)
def store_signatures_task(work: str, run_id: str, params: SignatureParams, signatures: pa.Table) -> int:
    """Write signatures and their band keys; return how many articles were signed."""
    keys = band_keys(signatures, params)
    with transaction(work) as con:
        con.execute(
            "INSERT INTO wt.signature_params VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                params.params_id,
                params.num_perm,
                params.seed,
                params.scheme,
                params.hash_function,
                params.shingle_size,
                params.bands,
                params.rows,
                params.max_bucket,
                version("datasketch"),
                run_id,
            ],
        )
        con.register("new_signatures", signatures)
        con.register("new_band_keys", keys)
        con.execute(
            "INSERT INTO wt.signatures SELECT article_id, params_id, n_shingles, minhash, $run_id FROM new_signatures",
            {"run_id": run_id},
        )
        con.execute("INSERT INTO wt.band_keys SELECT params_id, band, key, article_id FROM new_band_keys")
    get_run_logger().info("signed %d articles (%d band keys)", signatures.num_rows, keys.num_rows)
    return signatures.num_rows
