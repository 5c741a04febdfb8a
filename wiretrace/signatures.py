"""MinHash signatures and LSH band keys.

The signature of an article is the datasketch ``MinHash`` of the word shingles of its clean
text (:func:`~wiretrace.shingles.text_shingles`: words, and Chinese and Japanese characters
one by one) under :class:`~wiretrace.params.SignatureParams`. :func:`minhash_of` computes it with
datasketch and is the reference. The compiled kernel of :mod:`wiretrace.fastminhash`
computes the same values much faster (BENCHMARKS.md, "Speed"): :func:`sign_arrow` on an
Arrow batch of texts, read in place (the pipeline's path), and :func:`iter_signatures` /
:func:`compute_signatures` on Python strings. Band keys are what the warehouse joins on to
propose candidate pairs: band ``i`` covers signature rows ``[i*rows, (i+1)*rows)``; with
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
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import xxhash

from wiretrace.fastminhash import GIVE_UP, char_tables, sign_buffer
from wiretrace.params import SignatureParams
from wiretrace.schemas import BAND_KEY, SIGNATURE
from wiretrace.shingles import TOKENIZER, tokens

if TYPE_CHECKING:
    from datasketch import MinHash

#: Articles per batch of :func:`iter_signatures` (~2 KB each: ~10 MB of text per batch).
DEFAULT_BATCH = 4096


def hash_shingle(shingle: bytes) -> int:
    """32-bit hash of one shingle: the hash function of every signature."""
    return xxhash.xxh32_intdigest(shingle)


def minhash_of(shingles: Iterable[str], params: SignatureParams) -> MinHash:
    """The datasketch MinHash of a set of shingles: the reference implementation."""
    from datasketch import MinHash  # datasketch imports scipy: half a second paid only when signing

    m = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=params.scheme, hashfunc=hash_shingle)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def sign_arrow(
    article_ids: pa.Array | pa.ChunkedArray,
    texts: pa.Array | pa.ChunkedArray,
    params: SignatureParams,
    threads: int | None = None,
) -> pa.Table:
    """Signatures of a batch of texts held by Arrow (``SIGNATURE`` schema), one row per text.

    The compiled kernel (:mod:`wiretrace.fastminhash`) reads the array's UTF-8 buffer in
    place: no Python string per article, no copy of the text, and ``threads`` kernels (default:
    one per CPU) sign slices of the batch in parallel without holding the GIL. Values equal
    :func:`minhash_of` on :func:`~wiretrace.shingles.text_shingles`; ``n_shingles`` is the
    number of distinct shingles. A null text is an error naming its article.
    """
    _check_params(params)
    ids = _single_chunk(article_ids)
    text_array = _single_chunk(texts)
    if len(ids) != len(text_array):
        raise ValueError(f"{len(ids)} article ids for {len(text_array)} texts")
    if text_array.null_count:
        first = text_array.is_null().index(True).as_py()
        raise TypeError(f"article {ids[first].as_py()!r}: text must be a string, not null")
    text_array = _complete_utf8(ids, text_array)
    kernel = _kernel(params)
    n_threads = max(1, threads or os.cpu_count() or 1)
    with ThreadPoolExecutor(n_threads) as pool:
        values, counts = kernel.sign(text_array, False, pool, n_threads)
        retry = np.flatnonzero(counts == GIVE_UP)
        if len(retry):
            # Code points the kernel cannot lower-case itself, or outside the BMP (CJK
            # Extension B and later too): tokenise these texts in Python.
            retokenised = [" ".join(tokens(text_array[int(i)].as_py())) for i in retry]
            values[retry], counts[retry] = kernel.sign(pa.array(retokenised, pa.string()), True, pool, 1)
    return _signature_table(ids, counts, values, params)


def iter_signatures(
    article_ids: Iterable[str],
    texts: Iterable[str],
    params: SignatureParams,
    batch_size: int = DEFAULT_BATCH,
    threads: int | None = None,
) -> Iterator[pa.Table]:
    """Signatures of Python strings (``SIGNATURE`` schema), yielded in batches of ``batch_size`` rows.

    Each batch becomes an Arrow array and is signed by :func:`sign_arrow`. Inputs are
    consumed lazily, so memory is bounded by one batch. A text that is not a string or not
    valid Unicode is an error naming its article.
    """
    _check_params(params)
    if batch_size <= 0:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    pairs = zip(article_ids, texts, strict=True)
    while batch := list(islice(pairs, batch_size)):
        ids = [article_id for article_id, _ in batch]
        yield sign_arrow(pa.array(ids, pa.string()), _text_array(batch), params, threads)


def compute_signatures(article_ids: Iterable[str], texts: Iterable[str], params: SignatureParams) -> pa.Table:
    """Signatures of texts, one row per article (``SIGNATURE`` schema); see :func:`iter_signatures`.

    An empty text has zero shingles and an all-max signature; :func:`band_keys` skips it.
    """
    batches = list(iter_signatures(article_ids, texts, params))
    return pa.concat_tables(batches) if batches else SIGNATURE.empty_table()


def _check_params(params: SignatureParams) -> None:
    if (params.scheme, params.hash_function) != ("affine32", "xxh32"):
        raise ValueError(
            f"signatures support scheme 'affine32' with hash function 'xxh32', not "
            f"{params.scheme!r} with {params.hash_function!r}: use SignatureParams' defaults"
        )
    if params.tokenizer != TOKENIZER:
        raise ValueError(
            f"signatures are made with tokenizer {TOKENIZER!r} (wiretrace.shingles.tokens), "
            f"not {params.tokenizer!r}: use SignatureParams' defaults"
        )


@cache
def _kernel(params: SignatureParams) -> _Kernel:
    from datasketch import MinHash

    a, b = MinHash(num_perm=params.num_perm, seed=params.seed, scheme="affine32").permutations
    return _Kernel(
        params.shingle_size,
        np.ascontiguousarray(a, dtype=np.uint32),  # datasketch's own affine32 permutation parameters
        np.ascontiguousarray(b, dtype=np.uint32),
        *char_tables(),
    )


def _single_chunk(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _text_array(batch: list[tuple[str, str]]) -> pa.Array:
    """The batch's texts as an Arrow string array; a text Arrow cannot hold is an error naming its article."""
    try:
        array = pa.array([text for _, text in batch], pa.string())
    except (UnicodeEncodeError, pa.ArrowException):
        _raise_for_bad_text(batch)
        raise  # no text is at fault: Arrow's own error says what is
    if array.null_count:
        _raise_for_bad_text(batch)
    return array


def _raise_for_bad_text(batch: list[tuple[str, str]]) -> None:
    """Raise for the first text that is not a string or not valid Unicode, naming its article."""
    for article_id, text in batch:
        if not isinstance(text, str):
            raise TypeError(f"article {article_id!r}: text must be a string, not {type(text).__name__}")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as err:
            raise ValueError(
                f"article {article_id!r}: text is not valid Unicode ({err.reason} at {err.start})"
            ) from err


def _complete_utf8(ids: pa.Array, texts: pa.Array) -> pa.Array:
    """``texts`` as a string or large_string array of complete UTF-8, which the kernel trusts.

    A text that is not valid UTF-8 is an error naming its article.
    """
    if not (pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type)):
        texts = texts.cast(pa.large_string())
    try:
        texts.validate(full=True)
    except pa.ArrowInvalid:
        for i in range(len(texts)):
            try:
                texts.slice(i, 1).validate(full=True)
            except pa.ArrowInvalid as err:
                raise ValueError(f"article {ids[i].as_py()!r}: text is not valid UTF-8") from err
        raise
    return texts


def _utf8_buffers(texts: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(UTF-8 bytes, int64 offsets of each text in them) of a string or large_string array, bytes not copied."""
    _, offsets_buffer, data_buffer = texts.buffers()
    if not len(texts) or offsets_buffer is None:
        return np.zeros(0, dtype=np.uint8), np.zeros(1, dtype=np.int64)
    width = np.int32 if pa.types.is_string(texts.type) else np.int64
    offsets = np.frombuffer(offsets_buffer, dtype=width)[texts.offset : texts.offset + len(texts) + 1]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, dtype=np.uint8)
    return data, offsets.astype(np.int64)


@dataclass(frozen=True)
class _Kernel:
    """The compiled kernel's constant inputs for one :class:`SignatureParams`."""

    k: int
    a: np.ndarray
    b: np.ndarray
    lower: np.ndarray
    kind: np.ndarray

    def sign(
        self, texts: pa.Array, pretokenised: bool, pool: ThreadPoolExecutor, parts: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(signatures, distinct shingle counts) of a string array, signed in ``parts`` threads."""
        buf, offsets = _utf8_buffers(texts)
        n = len(offsets) - 1
        values = np.empty((n, len(self.a)), dtype=np.uint32)
        counts = np.empty(n, dtype=np.int64)
        bounds = np.linspace(0, n, min(parts, n) + 1).astype(int) if n else np.zeros(1, dtype=int)
        jobs = [
            pool.submit(
                sign_buffer,
                buf,
                offsets[lo : hi + 1],
                pretokenised,
                self.k,
                self.a,
                self.b,
                self.lower,
                self.kind,
                values[lo:hi],
                counts[lo:hi],
            )
            for lo, hi in itertools.pairwise(bounds)
        ]
        for job in jobs:
            job.result()
        return values, counts


def _signature_table(ids: pa.Array, counts: np.ndarray, values: np.ndarray, params: SignatureParams) -> pa.Table:
    offsets = np.arange(0, values.size + 1, params.num_perm, dtype=np.int32)
    minhash = pa.ListArray.from_arrays(pa.array(offsets), pa.array(values.reshape(-1), type=pa.uint32()))
    return pa.Table.from_arrays(
        [
            ids.cast(pa.string()),
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
