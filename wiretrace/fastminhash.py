"""Compiled MinHash kernel: tokens, shingles, xxh32 and the ``affine32`` permutations.

Produces exactly the values of datasketch 2.0's ``MinHash(scheme="affine32",
hashfunc=xxhash.xxh32_intdigest)`` updated with the UTF-8 bytes of
:func:`wiretrace.shingles.text_shingles`, which stays the reference
(``tests/unit/test_fastminhash.py`` compares them value for value). Per text, on its UTF-8 bytes:

1. **Tokens.** Each code point is lower-cased through a table and kept if it is a ``\\w``
   character; a CJK word character (Han, Kana: :func:`wiretrace.shingles.tokens`) is a
   token on its own, other word characters run into words. The tokens are written out
   lower-cased, one space apart. The tables cover the Basic Multilingual Plane and are
   derived from Python itself (``str.lower``, the ``\\w`` regex and
   :func:`wiretrace.shingles.is_single_char_token`), so they agree with
   :func:`~wiretrace.shingles.tokens` by construction. Code points whose lower case is
   context-dependent or longer than one code point (``Σ``, ``İ``) and code points outside
   the BMP (CJK Extension B and later too) make the kernel give up on that text; the
   caller then tokenises it in Python and feeds the kernel the tokens already joined by
   spaces (*pre-tokenised* mode: split on spaces only).
2. **Shingles.** ``k`` consecutive tokens are a contiguous span of the output (one space
   between tokens); a text of fewer than ``k`` tokens has one shingle, all of them; an
   empty text none. Each span is hashed with xxHash32 (seed 0), implemented here.
3. **Distinct shingles.** An open-addressing table keyed by the hash, comparing bytes on
   equal hashes, counts distinct shingles exactly (``len(set(shingles))``) and skips
   duplicates.
4. **MinHash.** ``h = fmix32(xxh32)`` (MurmurHash3's finalizer), then for each permutation
   ``k`` the value ``(a_k * h + b_k) mod 2**32``, minimised over distinct shingles; a text
   without shingles keeps the all-``0xFFFFFFFF`` signature.

Arithmetic is done in 64-bit unsigned integers and masked to 32 bits, which is exactly
the wrap-around of datasketch's ``uint32`` numpy arithmetic. Kernels release the GIL
(``nogil``), so threads run batches in parallel.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from numba import njit

from wiretrace.shingles import is_single_char_token

__all__ = ["GIVE_UP", "char_tables", "sign_buffer"]

_M32 = np.uint64(0xFFFFFFFF)
_P1 = np.uint64(2654435761)
_P2 = np.uint64(2246822519)
_P3 = np.uint64(3266489917)
_P4 = np.uint64(668265263)
_P5 = np.uint64(374761393)
_FM1 = np.uint64(0x85EBCA6B)
_FM2 = np.uint64(0xC2B2AE35)
_U0 = np.uint64(0)
_U1 = np.uint64(1)
_MAX32 = np.uint32(0xFFFFFFFF)

#: ``n_shingles`` value the kernel reports for a text it could not tokenise exactly.
GIVE_UP = -1
#: Lower-case table entry of a code point the kernel must not lower-case itself.
_SPECIAL = np.uint64(0xFFFFFFFF)
_BMP = 0x10000
_WORD = re.compile(r"\w", re.UNICODE)
#: ``kind`` table values: a separator, a word character, a character that is a token alone (CJK).
SEPARATOR, WORD, ALONE = 0, 1, 2


@cache
def char_tables() -> tuple[np.ndarray, np.ndarray]:
    """(``lower``, ``kind``) over the BMP, from Python's own ``str.lower``, ``\\w`` and tokeniser.

    ``lower[c]`` is the code point of ``chr(c).lower()``, or ``0xFFFFFFFF`` where that is
    not one code point or depends on context (capital sigma); ``kind[c]`` is :data:`ALONE`
    when the lower-cased character is a token on its own
    (:func:`~wiretrace.shingles.is_single_char_token`), else :data:`WORD` when it matches
    ``\\w``, else :data:`SEPARATOR`. Surrogates never occur in UTF-8 input.
    """
    lower = np.empty(_BMP, dtype=np.uint32)
    kind = np.zeros(_BMP, dtype=np.uint8)
    for cp in range(_BMP):
        low = chr(cp).lower()
        if len(low) != 1 or ord(low) >= _BMP or cp == 0x03A3:  # Σ lower-cases to σ or ς by position
            lower[cp] = 0xFFFFFFFF
            continue
        lower[cp] = ord(low)
        if is_single_char_token(low):
            kind[cp] = ALONE
        elif _WORD.match(low) is not None:
            kind[cp] = WORD
    return lower, kind


# Kernels index arrays with unsigned integers: numba then emits no negative-index
# wrap-around checks, which halves the cost of the byte loops.


@njit(cache=True, nogil=True, inline="always")
def _rotl(x: np.uint64, r: np.uint64) -> np.uint64:
    return ((x << r) | (x >> (np.uint64(32) - r))) & _M32


@njit(cache=True, nogil=True, inline="always")
def _read32(buf: np.ndarray, i: np.uint64) -> np.uint64:
    return (
        np.uint64(buf[i])
        | (np.uint64(buf[i + _U1]) << np.uint64(8))
        | (np.uint64(buf[i + np.uint64(2)]) << np.uint64(16))
        | (np.uint64(buf[i + np.uint64(3)]) << np.uint64(24))
    )


@njit(cache=True, nogil=True, inline="always")
def _xxh32(buf: np.ndarray, start: np.uint64, end: np.uint64) -> np.uint64:
    """xxHash32 (seed 0) of ``buf[start:end]``."""
    n = end - start
    i = start
    if n >= np.uint64(16):
        v1 = (_P1 + _P2) & _M32
        v2 = _P2
        v3 = _U0
        v4 = (_U0 - _P1) & _M32
        limit = end - np.uint64(16)
        while i <= limit:
            v1 = (_rotl((v1 + _read32(buf, i) * _P2) & _M32, np.uint64(13)) * _P1) & _M32
            v2 = (_rotl((v2 + _read32(buf, i + np.uint64(4)) * _P2) & _M32, np.uint64(13)) * _P1) & _M32
            v3 = (_rotl((v3 + _read32(buf, i + np.uint64(8)) * _P2) & _M32, np.uint64(13)) * _P1) & _M32
            v4 = (_rotl((v4 + _read32(buf, i + np.uint64(12)) * _P2) & _M32, np.uint64(13)) * _P1) & _M32
            i += np.uint64(16)
        h = (
            _rotl(v1, np.uint64(1)) + _rotl(v2, np.uint64(7)) + _rotl(v3, np.uint64(12)) + _rotl(v4, np.uint64(18))
        ) & _M32
    else:
        h = _P5
    h = (h + n) & _M32
    while i + np.uint64(4) <= end:
        h = (_rotl((h + _read32(buf, i) * _P3) & _M32, np.uint64(17)) * _P4) & _M32
        i += np.uint64(4)
    while i < end:
        h = (_rotl((h + np.uint64(buf[i]) * _P5) & _M32, np.uint64(11)) * _P1) & _M32
        i += _U1
    h ^= h >> np.uint64(15)
    h = (h * _P2) & _M32
    h ^= h >> np.uint64(13)
    h = (h * _P3) & _M32
    h ^= h >> np.uint64(16)
    return h


@njit(cache=True, nogil=True, inline="always")
def _fmix32(h: np.uint64) -> np.uint64:
    h ^= h >> np.uint64(16)
    h = (h * _FM1) & _M32
    h ^= h >> np.uint64(13)
    h = (h * _FM2) & _M32
    return h ^ (h >> np.uint64(16))


@njit(cache=True, nogil=True, inline="always")
def _put_utf8(out: np.ndarray, o: np.uint64, cp: np.uint64) -> np.uint64:
    if cp < np.uint64(0x80):
        out[o] = cp
        return o + _U1
    if cp < np.uint64(0x800):
        out[o] = np.uint64(0xC0) | (cp >> np.uint64(6))
        out[o + _U1] = np.uint64(0x80) | (cp & np.uint64(0x3F))
        return o + np.uint64(2)
    out[o] = np.uint64(0xE0) | (cp >> np.uint64(12))
    out[o + _U1] = np.uint64(0x80) | ((cp >> np.uint64(6)) & np.uint64(0x3F))
    out[o + np.uint64(2)] = np.uint64(0x80) | (cp & np.uint64(0x3F))
    return o + np.uint64(3)


@njit(cache=True, nogil=True)
def _tokenise(
    buf: np.ndarray,
    start: np.uint64,
    end: np.uint64,
    pretokenised: bool,
    ascii_word: np.ndarray,
    lower: np.ndarray,
    kind: np.ndarray,
    out: np.ndarray,
    bounds: np.ndarray,
) -> np.int64:
    """Write the lower-cased tokens of ``buf[start:end]`` to ``out``, one space apart.

    Returns the number of tokens ``n`` (token ``j`` is ``out[bounds[2j]:bounds[2j+1]]``), or -1
    when a code point needs Python's tokenizer. Pre-tokenised input is split on spaces only.
    ``ascii_word[c]`` is the lower-cased byte of ASCII word character ``c``, else 0.
    """
    o = _U0  # output length
    nb = _U0  # boundaries recorded: token starts and ends, alternately
    prev = _U0  # 1 if the previous character was a word character
    i = start
    while i < end:
        c = np.uint64(buf[i])
        if c < np.uint64(0x80) or pretokenised:
            # Branch-free: every byte is written and a boundary stored, but the output and
            # the boundary count only advance where the text says so. Pre-tokenised bytes
            # are copied as they are (UTF-8 continuation bytes too).
            w = (c if c != np.uint64(0x20) else _U0) if pretokenised else np.uint64(ascii_word[c])
            word = _U1 if w != _U0 else _U0
            out[o] = w if word else np.uint64(0x20)
            bounds[nb] = o
            nb += word ^ prev
            o += word | prev
            prev = word
            i += _U1
            continue
        if c < np.uint64(0xE0):
            cp = ((c & np.uint64(0x1F)) << np.uint64(6)) | (np.uint64(buf[i + _U1]) & np.uint64(0x3F))
            i += np.uint64(2)
        elif c < np.uint64(0xF0):
            cp = (
                ((c & np.uint64(0x0F)) << np.uint64(12))
                | ((np.uint64(buf[i + _U1]) & np.uint64(0x3F)) << np.uint64(6))
                | (np.uint64(buf[i + np.uint64(2)]) & np.uint64(0x3F))
            )
            i += np.uint64(3)
        else:
            return np.int64(-1)  # outside the BMP
        low = np.uint64(lower[cp])
        if low == _SPECIAL:
            return np.int64(-1)
        cls = kind[cp]
        if cls == ALONE:
            # A token of its own: end the running token, write this one and a space.
            if prev:
                bounds[nb] = o
                nb += _U1
                out[o] = 0x20
                o += _U1
            bounds[nb] = o
            o = _put_utf8(out, o, low)
            bounds[nb + _U1] = o
            nb += np.uint64(2)
            out[o] = 0x20
            o += _U1
            prev = _U0
            continue
        word = _U1 if cls == WORD else _U0
        bounds[nb] = o
        nb += word ^ prev
        if word:
            o = _put_utf8(out, o, low)
        elif prev:
            out[o] = 0x20
            o += _U1
        prev = word
    if prev:
        bounds[nb] = o
        nb += _U1
    return np.int64(nb >> _U1)


@njit(cache=True, nogil=True, inline="always")
def _same_bytes(buf: np.ndarray, s1: np.uint64, e1: np.uint64, s2: np.uint64, e2: np.uint64) -> bool:
    if e1 - s1 != e2 - s2:
        return False
    j = _U0
    while s1 + j < e1 and buf[s1 + j] == buf[s2 + j]:
        j += _U1
    return s1 + j == e1


@njit(cache=True, nogil=True, error_model="numpy")
def sign_buffer(
    buf: np.ndarray,
    offsets: np.ndarray,
    pretokenised: bool,
    k: int,
    a: np.ndarray,
    b: np.ndarray,
    lower: np.ndarray,
    kind: np.ndarray,
    signatures: np.ndarray,
    counts: np.ndarray,
) -> None:
    """Sign texts ``buf[offsets[t]:offsets[t+1]]`` (UTF-8) into ``signatures[t]`` and ``counts[t]``.

    ``buf`` and ``offsets`` may be an Arrow string array's own buffers, read in place.

    ``counts[t]`` is the number of distinct shingles, or :data:`GIVE_UP` when the text must
    be tokenised in Python and signed again pre-tokenised. ``a``/``b`` are the ``affine32``
    permutation parameters (``uint32``); ``signatures`` is ``uint32[n_texts, len(a)]``;
    ``lower`` and ``kind`` are :func:`char_tables`.
    """
    num_perm = a.shape[0]
    ascii_word = np.zeros(128, dtype=np.uint8)
    for c in range(128):
        if kind[c] == WORD:
            ascii_word[c] = lower[c]
    longest = 0
    for t in range(offsets.shape[0] - 1):
        longest = max(longest, offsets[t + 1] - offsets[t])
    # Bounds: a token is followed by a separator or a CJK token, so tokens <= longest // 2 + 1;
    # lower-casing can lengthen a code point's UTF-8 from 2 to 3 bytes, and a CJK character
    # (3 bytes) is written with a space after it and one before it when it ends a word, so
    # the output is at most twice the input ("Ⱥ中", 5 bytes, is written "ⱥ 中 ", 8 bytes).
    out = np.empty(longest * 2 + 2, dtype=np.uint8)
    bounds = np.empty(2 * (longest // 2 + 2), dtype=np.uint64)
    table_size = 16
    while table_size < longest + 2:
        table_size *= 2
    slot_hash = np.empty(table_size, dtype=np.uint64)
    slot_shingle = np.empty(table_size, dtype=np.int64)
    mixed = np.empty(longest // 2 + 2, dtype=np.uint32)
    for t in range(offsets.shape[0] - 1):
        sig = signatures[t]
        sig[:] = _MAX32
        n_tok = _tokenise(
            buf,
            np.uint64(offsets[t]),
            np.uint64(offsets[t + 1]),
            pretokenised,
            ascii_word,
            lower,
            kind,
            out,
            bounds,
        )
        if n_tok < 0:
            counts[t] = GIVE_UP
            continue
        if n_tok == 0:
            counts[t] = 0
            continue
        n_sh = n_tok - k + 1 if n_tok >= k else 1
        last = np.uint64(2 * (k - 1 if n_tok >= k else n_tok - 1) + 1)  # end of a shingle's last token
        size = 16
        while size < 2 * n_sh:
            size *= 2
        mask = np.uint64(size - 1)
        slot_shingle[:size] = -1
        distinct = _U0
        for i in range(n_sh):
            first = np.uint64(2 * i)
            s, e = bounds[first], bounds[first + last]
            h = _xxh32(out, s, e)
            slot = h & mask
            while True:
                other = slot_shingle[slot]
                if other < 0:
                    slot_hash[slot] = h
                    slot_shingle[slot] = i
                    mixed[distinct] = np.uint32(_fmix32(h))
                    distinct += _U1
                    break
                o = np.uint64(2 * other)
                if slot_hash[slot] == h and _same_bytes(out, s, e, bounds[o], bounds[o + last]):
                    break
                slot = (slot + _U1) & mask
        counts[t] = np.int64(distinct)
        # uint32 operands, truncated sum: LLVM vectorises this as 32-bit multiplies (4x faster).
        for p in range(num_perm):
            ap = a[p]
            bp = b[p]
            m = _MAX32
            for j in range(distinct):
                m = min(m, np.uint32(ap * mixed[j] + bp))
            sig[p] = m
