"""MinHash signatures and band keys of the run's new articles."""

from __future__ import annotations

from importlib.metadata import version

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from tasks._db import transaction
from tasks._progress import chunked, progress_bar
from wiretrace.params import SignatureParams
from wiretrace.signatures import band_keys, compute_signatures

CHUNK = 1000  # articles signed between progress updates


@task(name="sign", cache_policy=NO_CACHE)
def sign_task(work: str, run_id: str, params: SignatureParams) -> int:
    """Sign every article stored by this run; return how many were signed."""
    with transaction(work) as con:
        rows = con.execute("SELECT article_id, clean_text FROM wt.articles WHERE run_id = ?", [run_id]).fetchall()
        with progress_bar("signatures", len(rows)) as advance:
            parts = [compute_signatures([], [], params)]
            for chunk in chunked(rows, CHUNK):
                parts.append(compute_signatures([r[0] for r in chunk], [r[1] for r in chunk], params))
                advance(len(chunk))
        signatures = pa.concat_tables(parts)
        keys = band_keys(signatures, params)
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
