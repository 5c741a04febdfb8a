"""The trie-shaped alternation matches exactly its names, longest first."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from wiretrace.trie_regex import trie_alternation


@given(st.lists(st.text(alphabet="abAB .-(é", min_size=1, max_size=6), min_size=1, max_size=12))
def test_matches_exactly_the_names(names: list[str]) -> None:
    pattern = re.compile(trie_alternation(names))
    for name in names:
        assert pattern.fullmatch(name)
    for other in ("zz", "a" * 7):
        assert (pattern.fullmatch(other) is not None) == (other in names)


def test_longer_name_is_tried_first_and_spaces_follow_the_space_pattern() -> None:
    pattern = re.compile(trie_alternation(["AP", "APA", "Associated Press"], space=r"\s+"))
    assert pattern.match("APA news")[0] == "APA"  # type: ignore[index]
    assert pattern.fullmatch("Associated   Press")


def test_word_start_refuses_a_name_inside_a_word() -> None:
    pattern = re.compile(trie_alternation(["AP"], word_start=True))
    assert pattern.search("(AP) -") and not pattern.search("CAP") and not pattern.search("X-AP")
