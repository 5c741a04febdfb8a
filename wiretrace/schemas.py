"""Arrow schemas of the tables that pass between pipeline stages.

Every core stage takes and returns tables with one of these schemas, so stages compose
without pandas round trips and the warehouse loads them without casts. Timestamps are
UTC, microsecond precision. Column order is part of the schema.
"""

from __future__ import annotations

import pyarrow as pa

TIMESTAMP = pa.timestamp("us", tz="UTC")

#: One usable input record, after reading and HTML extraction (ingest stage).
#: Invariant: ``article_id`` and ``text`` are non-empty; ``outlet`` is never null
#: (URL host, else "unknown").
RAW_ARTICLE = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("outlet", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("published_at", TIMESTAMP),
        pa.field("lang", pa.string()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("record_ref", pa.string(), nullable=False),
    ]
)

#: A record that could not be used: which file, which record, why. ``payload`` is the
#: start of the offending record (at most 2,000 characters) so a user can find it.
REJECT = pa.schema(
    [
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("record_ref", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("payload", pa.string()),
    ]
)

#: A normalised article (normalise stage). ``clean_text`` has boilerplate removed and
#: quote marks and whitespace normalised; ``content_hash`` is the SHA-1 of ``clean_text``.
ARTICLE = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("outlet", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("published_at", TIMESTAMP),
        pa.field("lang", pa.string()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("clean_text", pa.string(), nullable=False),
        pa.field("byline", pa.string()),
        pa.field("dateline", pa.string()),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("record_ref", pa.string(), nullable=False),
    ]
)

#: A citation of a wire or outlet found in an article's text. ``kind`` is "wire" or "outlet".
ATTRIBUTION = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("phrase", pa.string(), nullable=False),
    ]
)

#: A direct quotation in an article (text between quote marks, at least four words).
QUOTE = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("quote_index", pa.int32(), nullable=False),
        pa.field("quote", pa.string(), nullable=False),
    ]
)

#: One HTTP request of a poll (after its retries): what was asked, what came back, why it failed.
#: ``kind`` is "feed" or "page"; ``outcome`` is "fetched", "not_modified" (HTTP 304), "unchanged"
#: (HTTP 200 with the body stored last time) or "failed" (``reason`` says why).
FETCH = pa.schema(
    [
        pa.field("url", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("feed_url", pa.string(), nullable=False),
        pa.field("outcome", pa.string(), nullable=False),
        pa.field("status", pa.int32()),
        pa.field("reason", pa.string()),
        pa.field("attempts", pa.int32(), nullable=False),
        pa.field("n_bytes", pa.int64()),
        pa.field("final_url", pa.string()),
        pa.field("fetched_at", TIMESTAMP, nullable=False),
    ]
)

#: Conditional-GET state of a URL, from its last successful fetch: the validators to send
#: next time and the SHA-1 of the body (to tell "200 but unchanged" from a change).
HTTP_CACHE = pa.schema(
    [
        pa.field("url", pa.string(), nullable=False),
        pa.field("etag", pa.string()),
        pa.field("last_modified", pa.string()),
        pa.field("body_hash", pa.string(), nullable=False),
        pa.field("fetched_at", TIMESTAMP, nullable=False),
    ]
)

#: What a poll knows of a feed entry. ``status`` is "done" (page turned into an article or a
#: quarantined record), "pending" (failed transiently; retried on later polls) or "failed" (gave
#: up). ``digest`` is :attr:`wiretrace.sources.FeedEntry.digest`; a changed digest re-fetches the page.
FEED_ENTRY = pa.schema(
    [
        pa.field("feed_url", pa.string(), nullable=False),
        pa.field("entry_key", pa.string(), nullable=False),
        pa.field("link", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published_at", pa.string()),
        pa.field("digest", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("attempts", pa.int32(), nullable=False),
        pa.field("reason", pa.string()),
    ]
)

#: A MinHash signature (``wt.signatures``) and the LSH index's band keys (``wt.band_keys``).
SIGNATURE = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("params_id", pa.string(), nullable=False),
        pa.field("n_shingles", pa.int32(), nullable=False),
        pa.field("minhash", pa.list_(pa.uint32()), nullable=False),
    ]
)

BAND_KEY = pa.schema(
    [
        pa.field("params_id", pa.string(), nullable=False),
        pa.field("band", pa.int16(), nullable=False),
        pa.field("key", pa.uint64(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
    ]
)

#: A verified pair with its evidence (``wt.pairs``; ``aligned`` and ``shared_quotes`` as JSON text).
PAIR = pa.schema(
    [
        pa.field("a", pa.string(), nullable=False),
        pa.field("b", pa.string(), nullable=False),
        pa.field("jaccard", pa.float64(), nullable=False),
        pa.field("containment_ab", pa.float64(), nullable=False),
        pa.field("containment_ba", pa.float64(), nullable=False),
        pa.field("narrative_containment_ab", pa.float64(), nullable=False),
        pa.field("narrative_containment_ba", pa.float64(), nullable=False),
        pa.field("shared_narrative", pa.int32(), nullable=False),
        pa.field("aligned_share_ab", pa.float64(), nullable=False),
        pa.field("aligned_share_ba", pa.float64(), nullable=False),
        pa.field("aligned", pa.string(), nullable=False),
        pa.field("shared_quotes", pa.string(), nullable=False),
        pa.field("relation", pa.string(), nullable=False),
        pa.field("strength", pa.float64(), nullable=False),
    ]
)

#: A story's root, cited wire and headline, as lineage infers them (``wt.stories`` columns).
STORY_ROOT = pa.schema(
    [
        pa.field("story_id", pa.string()),
        pa.field("root_article_id", pa.string()),
        pa.field("wire_source", pa.string()),
        pa.field("headline", pa.string()),
    ]
)

#: A file a run takes from the inbox (``wt.inbox_files`` without run id and time;
#: :class:`wiretrace.inbox.InboxFile`).
INBOX_FILE = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),
        pa.field("size", pa.int64(), nullable=False),
        pa.field("mtime_ns", pa.int64(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
    ]
)
