"""Deterministic synthetic news corpus with ground-truth story and lineage labels.

The corpus imitates how wire reports spread: a wire (Reuters, AP, AFP, TASS, Xinhua, dpa)
files an original; outlets copy it verbatim, excerpt it, lightly edit it, rewrite it
heavily or copy each other. Some events are covered independently by a second wire
(same quotes and names, different narrative), and some articles are unrelated local
stories. Every article carries its true story and its true primary parent, so the
pipeline's story clustering and lineage inference can be scored.

All text is generated from word lists in this package: real English function words and
common news words glue together pseudo-words built from syllables (topic words, person,
place and organisation names), so unrelated stories share only function words and common
phrases, as real news does.

Invariants (checked by ``tests/workbench/test_synth.py``):

* Output is a pure function of the arguments: same ``seed`` gives identical articles; each
  story slot draws from its own ``random.Random`` seeded with ``(seed, slot)`` and depends
  only on itself and the previous slot, so slot ranges (``first_story``) can be generated
  in parallel and concatenated.
* ``article_id`` values are unique (64-bit hashes of ``(seed, slot, index)``).
* A story's articles share ``story_key``; exactly one of them is the root (both parent
  fields ``None``) unless the story's wire original is not ingested, in which case every
  direct derivative has ``parent_source`` = wire name and no article is a root.
* A non-root article has exactly one of ``parent_article_id`` / ``parent_source`` set;
  a ``parent_article_id`` names an article of the same story published earlier.
* Heavy rewrites keep every quotation of their parent verbatim (the text inside the
  quote marks); quote marks themselves follow the publishing outlet's style.
* Articles are yielded story by story (a parent is always yielded before its children);
  publication times are not globally sorted.

Speed: about 10,000 articles/s on one (slow, shared) sandbox core; the work is
dominated by rendering ~5 template sentences per article. ``write_jsonl`` streams.
"""

from __future__ import annotations

from workbench.synth.model import DEFAULT_START, KINDS, LABELS_SCHEMA, Outlet, SyntheticArticle, SyntheticCorpus, Wire
from workbench.synth.stories import generate_corpus, iter_articles, stories_for_articles, strip_page_noise, write_jsonl
from workbench.synth.words import OUTLETS, WIRES, boilerplate_lines

__all__ = [
    "DEFAULT_START",
    "KINDS",
    "LABELS_SCHEMA",
    "OUTLETS",
    "WIRES",
    "Outlet",
    "SyntheticArticle",
    "SyntheticCorpus",
    "Wire",
    "boilerplate_lines",
    "generate_corpus",
    "iter_articles",
    "stories_for_articles",
    "strip_page_noise",
    "write_jsonl",
]
