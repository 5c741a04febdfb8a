"""Tokens and word shingles: the unit of text that every similarity in wiretrace counts.

Invariant: the same text gives the same tokens on every machine (Unicode-aware ``\\w+``
words, lower-cased); a shingle is ``k`` consecutive tokens joined by one space.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` (punctuation and quote marks dropped)."""
    return _WORD.findall(text.lower())


def shingles(words: Sequence[str], k: int) -> set[str]:
    """The set of word ``k``-shingles of ``words``.

    A text shorter than ``k`` words has one shingle (the whole text), so short texts still
    get a signature; an empty text has none.
    """
    if not words:
        return set()
    if len(words) < k:
        return {" ".join(words)}
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def text_shingles(text: str, k: int) -> set[str]:
    """Word ``k``-shingles of raw text: ``shingles(tokens(text), k)``."""
    return shingles(tokens(text), k)
