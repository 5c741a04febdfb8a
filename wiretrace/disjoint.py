"""Disjoint sets (union-find) over string keys: the one implementation stories and freezing share."""

from __future__ import annotations

from collections.abc import MutableMapping


def find_root(parent: MutableMapping[str, str], x: str) -> str:
    """The root of ``x``'s set in the forest ``parent`` (a root is its own parent), halving paths as it goes."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
