"""Regular expressions for long lists of words or names, shaped as a trie.

``re`` tries the alternatives of ``a|b|c`` one by one at every position; an expression
factored by common prefixes ("A(?:FP|P(?:A)?)") tries each letter once, which is what makes
scanning every article for hundreds of agency names, month names or labels cheap.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def trie_alternation(names: Iterable[str], *, space: str = " ", word_start: bool = False) -> str:
    """A regular expression (a non-capturing group) matching any of ``names``.

    A longer name is tried before a name it starts with; a space in a name matches ``space``
    (a pattern, e.g. any run of horizontal whitespace). With ``word_start``, a name must not
    follow a letter, digit or hyphen; the check comes after each first letter
    ("A(?<![\\w-]A)..."), so the expression starts with a plain letter and ``re`` skips quickly
    to the places where a name can start.
    """
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any], top: bool = False) -> str:
        branches = [
            (space if char == " " else re.escape(char))
            + (rf"(?<![\w-]{re.escape(char)})" if top and word_start else "")
            + build(node[char])
            for char in sorted(node)
            if char
        ]
        if not branches:
            return ""
        if "" in node:
            return f"(?:{'|'.join(branches)})?"
        return branches[0] if len(branches) == 1 and not top else f"(?:{'|'.join(branches)})"

    return build(trie, top=True)
