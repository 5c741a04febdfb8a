"""MinHash signatures (datasketch) and LSH band keys.

The signature of an article is the datasketch ``MinHash`` of the word shingles of its clean
text under :class:`~wiretrace.params.SignatureParams`. Band keys are what the warehouse
joins on to propose candidate pairs: band ``i`` covers signature rows
``[i*rows, (i+1)*rows)``; with ``rows == 1`` the key is the MinHash value itself.

Note:
    Shingles are hashed with xxHash32 (``xxhash.xxh32_intdigest``, seed 0) rather than
    datasketch's default SHA-1: same statistics, about twice as fast. Signatures made
    with another hash function are not comparable; ``SignatureParams.hash_function``
    records it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pyarrow as pa
import xxhash
from datasketch import MinHash

from wiretrace.params import SignatureParams
from wiretrace.shingles import text_shingles

SIGNATURE = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("params_id", pa.string(), nullable=False),
        pa.field("n_shingles", pa.int32(), nullable=False),
        pa.field("minhash", pa.list_(pa.uint32()), nullable=False),
    ]
)

BAND_KEY = pa.schema(
    [
        pa.field("params_id", pa.string(), nullable=False),
        pa.field("band", pa.int16(), nullable=False),
        pa.field("key", pa.uint64(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
    ]
)


def hash_shingle(shingle: bytes) -> int:
    """32-bit hash of one shingle: the hash function of every signature."""
    return xxhash.xxh32_intdigest(shingle)


def minhash_of(shingles: Iterable[str], params: SignatureParams) -> MinHash:
    """The datasketch MinHash of a set of shingles: the reference implementation."""
    m = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme, hashfunc=hash_shingle)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def compute_signatures(article_ids: Iterable[str], texts: Iterable[str], params: SignatureParams) -> pa.Table:
    """Signatures of texts, one row per article (``SIGNATURE`` schema).

    An empty text has zero shingles and an all-max signature; :func:`band_keys` skips it.
    """
    template = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme, hashfunc=hash_shingle)
    ids: list[str] = []
    counts: list[int] = []
    values: list[np.ndarray] = []
    for article_id, text in zip(article_ids, texts, strict=True):
        sh = text_shingles(text, params.shingle_size)
        m = template.copy()
        m.update_batch([s.encode("utf-8") for s in sh])
        ids.append(article_id)
        counts.append(len(sh))
        values.append(m.hashvalues.astype(np.uint32, copy=False))
    flat = np.concatenate(values) if values else np.empty(0, dtype=np.uint32)
    offsets = np.arange(0, len(flat) + 1, params.num_perm, dtype=np.int32)
    minhash = pa.ListArray.from_arrays(pa.array(offsets), pa.array(flat, type=pa.uint32()))
    return pa.Table.from_arrays(
        [
            pa.array(ids, pa.string()),
            pa.array([params.params_id] * len(ids), pa.string()),
            pa.array(counts, pa.int32()),
            minhash,
        ],
        schema=SIGNATURE,
    )


def band_keys(signatures: pa.Table, params: SignatureParams) -> pa.Table:
    """Band keys of signatures (``BAND_KEY`` schema), one row per (article, band).

    Articles without shingles get no keys: an empty text is similar to nothing.
    """
    has_text = np.asarray(signatures.column("n_shingles").to_numpy()) > 0
    ids = np.asarray(signatures.column("article_id").to_pylist(), dtype=object)[has_text]
    n = len(ids)
    flat = signatures.column("minhash").combine_chunks().flatten().to_numpy()
    matrix = flat.reshape(-1, params.num_perm)[has_text] if len(flat) else np.empty((0, params.num_perm))
    bands = matrix[:, : params.bands * params.rows].reshape(n, params.bands, params.rows).astype(np.uint64)
    if params.rows == 1:
        keys = bands[:, :, 0]
    else:
        # Combine a band's rows into one 64-bit key (polynomial hash; collisions ~2^-64).
        keys = np.zeros((n, params.bands), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for r in range(params.rows):
                keys = keys * np.uint64(0x100000001B3) + bands[:, :, r] + np.uint64(1)
    return pa.Table.from_arrays(
        [
            pa.array([params.params_id] * (n * params.bands), pa.string()),
            pa.array(np.tile(np.arange(params.bands, dtype=np.int16), n)),
            pa.array(keys.reshape(-1)),
            pa.array(np.repeat(ids, params.bands).tolist(), pa.string()),
        ],
        schema=BAND_KEY,
    )
