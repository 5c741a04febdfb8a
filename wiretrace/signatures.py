"""MinHash signatures and LSH band keys.

The signature of an article is the datasketch ``MinHash`` of the word shingles of its clean
text under :class:`~wiretrace.params.SignatureParams`. :func:`minhash_of` computes it with
datasketch and is the reference; :func:`compute_signatures` / :func:`iter_signatures`
compute the same values with the compiled kernel of :mod:`wiretrace.fastminhash`, in
batches, much faster (BENCHMARKS.md, "Speed"). Band keys are what the warehouse joins on to propose
candidate pairs: band ``i`` covers signature rows ``[i*rows, (i+1)*rows)``; with
``rows == 1`` the key is the MinHash value itself.

Note:
    Shingles are hashed with xxHash32 (``xxhash.xxh32_intdigest``, seed 0) rather than
    datasketch's default SHA-1: same statistics, about twice as fast. Signatures made
    with another hash function are not comparable; ``SignatureParams.hash_function``
    records it.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import islice

import numpy as np
import pyarrow as pa
import xxhash
from datasketch import MinHash

from wiretrace.fastminhash import GIVE_UP, char_tables, sign_buffer
from wiretrace.params import SignatureParams
from wiretrace.shingles import tokens

#: Articles per batch of :func:`iter_signatures` (~2 KB each: ~10 MB of text per batch).
DEFAULT_BATCH = 4096

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


def iter_signatures(
    article_ids: Iterable[str],
    texts: Iterable[str],
    params: SignatureParams,
    batch_size: int = DEFAULT_BATCH,
    threads: int | None = None,
) -> Iterator[pa.Table]:
    """Signatures of texts (``SIGNATURE`` schema), yielded in batches of ``batch_size`` rows.

    The compiled kernel (:mod:`wiretrace.fastminhash`) gives exactly the values of
    :func:`minhash_of` on :func:`~wiretrace.shingles.text_shingles`; ``n_shingles`` is the
    number of distinct shingles. Inputs are consumed lazily, so memory is bounded by one
    batch. ``threads`` kernels run each batch in parallel (default: one per CPU).
    """
    if (params.scheme, params.hash_function) != ("affine32", "xxh32"):
        raise ValueError(
            f"signatures support scheme 'affine32' with hash function 'xxh32', not "
            f"{params.scheme!r} with {params.hash_function!r}: use SignatureParams' defaults"
        )
    if batch_size <= 0:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    kernel = _Kernel(params.shingle_size, *_permutations(params.num_perm, params.seed), *char_tables())
    n_threads = max(1, threads or os.cpu_count() or 1)
    pairs = zip(article_ids, texts, strict=True)
    with ThreadPoolExecutor(n_threads) as pool:
        while batch := list(islice(pairs, batch_size)):
            values, counts = kernel.sign(batch, False, pool, n_threads)
            retry = np.flatnonzero(counts == GIVE_UP)
            if len(retry):
                # Code points the kernel cannot lower-case itself: tokenise these texts in Python.
                values[retry], counts[retry] = kernel.sign([batch[i] for i in retry], True, pool, 1)
            yield _signature_table([article_id for article_id, _ in batch], counts, values, params)


def compute_signatures(article_ids: Iterable[str], texts: Iterable[str], params: SignatureParams) -> pa.Table:
    """Signatures of texts, one row per article (``SIGNATURE`` schema); see :func:`iter_signatures`.

    An empty text has zero shingles and an all-max signature; :func:`band_keys` skips it.
    """
    batches = list(iter_signatures(article_ids, texts, params))
    return pa.concat_tables(batches) if batches else SIGNATURE.empty_table()


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's own ``affine32`` permutation parameters (``uint32`` a, b)."""
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return np.ascontiguousarray(a, dtype=np.uint32), np.ascontiguousarray(b, dtype=np.uint32)


def _utf8(article_id: str, text: str) -> bytes:
    if not isinstance(text, str):
        raise TypeError(f"article {article_id!r}: text must be a string, not {type(text).__name__}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(f"article {article_id!r}: text is not valid Unicode ({err.reason} at {err.start})") from err


@dataclass(frozen=True)
class _Kernel:
    """The compiled kernel's constant inputs for one :class:`SignatureParams`."""

    k: int
    a: np.ndarray
    b: np.ndarray
    lower: np.ndarray
    is_word: np.ndarray

    def sign(
        self, items: list[tuple[str, str]], pretokenised: bool, pool: ThreadPoolExecutor, parts: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(signatures, distinct shingle counts) of ``(article_id, text)`` items, in ``parts`` threads.

        Each thread encodes its own slice (holding the GIL) and then runs the kernel (not
        holding it), so one thread's encoding overlaps another's kernel.
        """
        n = len(items)
        values = np.empty((n, len(self.a)), dtype=np.uint32)
        counts = np.empty(n, dtype=np.int64)
        bounds = np.linspace(0, n, min(parts, n) + 1).astype(int) if n else np.zeros(1, dtype=int)
        jobs = [
            pool.submit(self._sign_slice, items[lo:hi], pretokenised, values[lo:hi], counts[lo:hi])
            for lo, hi in itertools.pairwise(bounds)
        ]
        for job in jobs:
            job.result()
        return values, counts

    def _sign_slice(
        self, items: list[tuple[str, str]], pretokenised: bool, values: np.ndarray, counts: np.ndarray
    ) -> None:
        if pretokenised:
            encoded = [" ".join(tokens(text)).encode("utf-8") for _, text in items]
        else:
            encoded = [_utf8(article_id, text) for article_id, text in items]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
        buf = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        flags = np.full(len(encoded), pretokenised, dtype=np.bool_)
        sign_buffer(buf, offsets, flags, self.k, self.a, self.b, self.lower, self.is_word, values, counts)


def _signature_table(ids: list[str], counts: np.ndarray, values: np.ndarray, params: SignatureParams) -> pa.Table:
    offsets = np.arange(0, values.size + 1, params.num_perm, dtype=np.int32)
    minhash = pa.ListArray.from_arrays(pa.array(offsets), pa.array(values.reshape(-1), type=pa.uint32()))
    return pa.Table.from_arrays(
        [
            pa.array(ids, pa.string()),
            pa.repeat(pa.scalar(params.params_id, pa.string()), len(ids)),
            pa.array(counts.astype(np.int32)),
            minhash,
        ],
        schema=SIGNATURE,
    )


def band_keys(signatures: pa.Table, params: SignatureParams) -> pa.Table:
    """Band keys of signatures (``BAND_KEY`` schema), one row per (article, band), article-major.

    Articles without shingles get no keys: an empty text is similar to nothing. Vectorised
    (no Python object per row) and built in chunks of :data:`BAND_CHUNK` articles, so no
    column chunk outgrows Arrow's 2 GiB string limit.
    """
    chunks = [
        _band_keys_chunk(signatures.slice(start, BAND_CHUNK), params)
        for start in range(0, signatures.num_rows, BAND_CHUNK)
    ]
    return pa.concat_tables(chunks) if chunks else BAND_KEY.empty_table()


#: Articles per chunk of :func:`band_keys` (8.4M rows at 128 bands).
BAND_CHUNK = 1 << 16


def _band_keys_chunk(signatures: pa.Table, params: SignatureParams) -> pa.Table:
    rows = np.flatnonzero(signatures.column("n_shingles").to_numpy() > 0)
    n = len(rows)
    flat = signatures.column("minhash").combine_chunks().flatten().to_numpy()
    matrix = flat.reshape(-1, params.num_perm)[rows, : params.bands * params.rows]
    if params.rows == 1:
        keys = matrix.astype(np.uint64)
    else:
        # Combine a band's rows into one 64-bit key (polynomial hash; collisions ~2^-64).
        bands = matrix.reshape(n, params.bands, params.rows).astype(np.uint64)
        keys = np.zeros((n, params.bands), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for r in range(params.rows):
                keys = keys * np.uint64(0x100000001B3) + bands[:, :, r] + np.uint64(1)
    ids = signatures.column("article_id").combine_chunks()
    gather = pa.DictionaryArray.from_arrays(pa.array(np.repeat(rows.astype(np.int32), params.bands)), ids)
    return pa.Table.from_arrays(
        [
            _constant_string(params.params_id, n * params.bands),
            pa.array(np.tile(np.arange(params.bands, dtype=np.int16), n)),
            pa.array(keys.reshape(-1)),
            gather.cast(pa.string()),  # decoding a dictionary array is Arrow's fastest string gather
        ],
        schema=BAND_KEY,
    )


def _constant_string(value: str, count: int) -> pa.Array:
    """A string array of ``count`` copies of ``value``, built from its buffers."""
    raw = value.encode("utf-8")
    offsets = np.arange(0, (count + 1) * len(raw), len(raw), dtype=np.int32)
    return pa.StringArray.from_buffers(count, pa.py_buffer(offsets), pa.py_buffer(raw * count))
