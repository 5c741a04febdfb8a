"""Which articles of a batch are new to the warehouse, which are new versions, which conflict.

Re-ingesting an article already stored changes nothing. An article seen again under the same
id *and the same URL* with different text is a new version of that article (a page edited
after publication). An id already stored with different text and no matching URL is rejected
(quarantined) rather than silently overwriting stored text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow as pa

from wiretrace.ingest import normalise_url
from wiretrace.schemas import REJECT


@dataclass(frozen=True)
class StoredArticle:
    """What the warehouse holds of an article: its content hash and URL."""

    content_hash: str
    url: str | None


@dataclass(frozen=True)
class BatchSplit:
    """A batch split against the warehouse; ``new`` and ``revised`` keep the batch's schema."""

    new: pa.Table
    revised: pa.Table
    conflicts: pa.Table  # REJECT schema
    unchanged: int  # articles of the batch already stored with the same text


def _same_url(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and normalise_url(a) == normalise_url(b)


def split_new_articles(articles: pa.Table, stored: Mapping[str, StoredArticle]) -> BatchSplit:
    """Split normalised ``articles`` (ARTICLE schema) by what ``stored`` (by article id) holds.

    Invariant: every row is in exactly one of new, revised, conflicts or unchanged.
    """
    ids = articles.column("article_id").to_pylist()
    hashes = articles.column("content_hash").to_pylist()
    urls = articles.column("url").to_pylist()
    new: list[bool] = []
    revised: list[bool] = []
    conflicts: list[int] = []
    for i, (article_id, content_hash, url) in enumerate(zip(ids, hashes, urls, strict=True)):
        known = stored.get(article_id)
        changed = known is not None and known.content_hash != content_hash
        new.append(known is None)
        revised.append(changed and known is not None and _same_url(known.url, url))
        if changed and not revised[-1]:
            conflicts.append(i)
    rejects = pa.Table.from_pylist(
        [
            {
                "source_file": articles.column("source_file")[i].as_py(),
                "record_ref": articles.column("record_ref")[i].as_py(),
                "reason": f"article id {ids[i]!r} is already stored with different text",
                "payload": (articles.column("text")[i].as_py() or "")[:2000],
            }
            for i in conflicts
        ],
        schema=REJECT,
    )
    return BatchSplit(
        new=articles.filter(pa.array(new, pa.bool_())),
        revised=articles.filter(pa.array(revised, pa.bool_())),
        conflicts=rejects,
        unchanged=articles.num_rows - sum(new) - sum(revised) - len(conflicts),
    )
