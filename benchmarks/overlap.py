"""How much text two articles of a warehouse share: longest common run of words, and shared
word 3-shingles that no other article of the warehouse holds.

    python -m benchmarks.overlap WAREHOUSE ARTICLE_A ARTICLE_B [ARTICLE_A ARTICLE_B ...]

Used to check labelled data against its text (e.g. Clough–Stevenson answers labelled
independent that share a verbatim passage; BENCHMARKS.md).
"""

from __future__ import annotations

import sys
from collections import Counter
from contextlib import closing
from difflib import SequenceMatcher

from warehouse.connection import connect_reader
from wiretrace.shingles import shingles, tokens


def main(argv: list[str]) -> None:
    if len(argv) < 3 or len(argv) % 2 == 0:
        sys.exit(__doc__)
    with closing(connect_reader(argv[0])) as con:
        words = {a: tokens(t) for a, t in con.execute("SELECT article_id, clean_text FROM wt.articles").fetchall()}
    holders = Counter(s for w in words.values() for s in shingles(w, 3))
    for a, b in zip(argv[1::2], argv[2::2], strict=True):
        x, y = words[a], words[b]
        run = SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y)).size
        exclusive = sum(1 for s in shingles(x, 3) & shingles(y, 3) if holders[s] == 2)
        print(f"{a} {b}: longest common run {run} words; {exclusive} shared 3-shingles no other article holds")


if __name__ == "__main__":
    main(sys.argv[1:])
