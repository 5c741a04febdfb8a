"""Tokens and word shingles: the unit of text that every similarity in wiretrace counts.

Invariant: the same text gives the same tokens on every machine (Unicode-aware ``\\w+``
words, lower-cased, except that each Chinese or Japanese character is a token of its own);
a shingle is ``k`` consecutive tokens joined by one space.

Chinese and Japanese are written without spaces, so a ``\\w+`` run there is a whole clause
and two copies of one story share almost no word shingles. Each Han ideograph, Hiragana
or Katakana character (and the other word characters of those scripts' blocks: ``々``,
``〇``, the prolonged sound mark ``ー``, Bopomofo) is therefore one token, and a word
3-shingle of such text is a character 3-gram. Korean (Hangul) is written with spaces
between words and keeps word tokens, as do all other scripts. Mixed text splits where the
script changes: ``"2024年6月25日"`` is ``2024 年 6 月 25 日``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Name of this tokeniser, recorded in ``SignatureParams.tokenizer``: change it whenever
#: :func:`tokens` changes, since signatures of different tokenisers are not comparable.
TOKENIZER = "word+cjk-char"

#: Blocks whose word characters are one token each: CJK Symbols and Punctuation (``々``,
#: ``〆``, ``〇``, Hangzhou numerals, kana repeat marks), Hiragana, Katakana, Bopomofo, Kanbun,
#: Bopomofo Extended, Katakana Phonetic Extensions, CJK Unified Ideographs and Extension A,
#: CJK Compatibility Ideographs, halfwidth Katakana, Kana Supplement and Extended-A,
#: Small Kana Extension, and planes 2 and 3 (CJK Extensions B-H and Compatibility
#: Supplement). Hangul Compatibility Jamo (U+3130-U+318F) sits between them and is excluded.
_CJK = (
    "\u3000-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U0001b000-\U0001b16f\U00020000-\U0003ffff"
)
_WORD = re.compile(r"\w+")
_HAS_CJK = re.compile(f"[{_CJK}]")
#: One CJK word character, or a run of the other word characters.
_TOKEN = re.compile(rf"(?=\w)[{_CJK}]|[^\W{_CJK}]+")


def tokens(text: str) -> list[str]:
    """Lower-cased tokens of ``text``: words, and CJK characters one by one (punctuation and quote marks dropped).

    Text without a character of the CJK blocks gives exactly ``re.findall(r"\\w+", text.lower())``.
    """
    low = text.lower()
    if low.isascii() or _HAS_CJK.search(low) is None:  # isascii() costs nothing; the search ~1/5 of findall
        return _WORD.findall(low)
    return _TOKEN.findall(low)


def is_single_char_token(char: str) -> bool:
    """Whether ``char`` (one lower-cased character) is a token on its own: a CJK word character."""
    return _TOKEN.fullmatch(char) is not None and _HAS_CJK.match(char) is not None


def shingles(words: Sequence[str], k: int) -> set[str]:
    """The set of word ``k``-shingles of ``words``.

    A text shorter than ``k`` words has one shingle (the whole text), so short texts still
    get a signature; an empty text has none.
    """
    if not words:
        return set()
    if len(words) < k:
        return {" ".join(words)}
    # ~1.5x faster than a comprehension of slices; the i-th iterable is the shortest from i on
    return set(map(" ".join, zip(*(words[i:] for i in range(k)), strict=False)))


def text_shingles(text: str, k: int) -> set[str]:
    """Word ``k``-shingles of raw text: ``shingles(tokens(text), k)``."""
    return shingles(tokens(text), k)
