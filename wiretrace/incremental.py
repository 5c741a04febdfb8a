"""Which articles of a batch are new to the warehouse.

Re-ingesting an article already stored changes nothing. An id already stored with
different text is rejected (quarantined) rather than silently overwriting stored text.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from wiretrace.schemas import REJECT


def split_new_articles(articles: pa.Table, stored_hashes: Mapping[str, str]) -> tuple[pa.Table, pa.Table]:
    """Return (articles not yet stored, rejects for ids stored with a different text).

    ``stored_hashes`` maps stored article ids to their content hash.
    """
    ids = articles.column("article_id").to_pylist()
    hashes = articles.column("content_hash").to_pylist()
    keep = [a not in stored_hashes for a in ids]
    conflicts = [
        i for i, (a, h) in enumerate(zip(ids, hashes, strict=True)) if a in stored_hashes and stored_hashes[a] != h
    ]
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
    return articles.filter(pa.array(keep, pa.bool_())) if ids else articles, rejects
