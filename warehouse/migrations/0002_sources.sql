-- Sources and article versions (issue 4): feed polling state, the fetch log, and versions of articles.

-- Conditional-GET state per URL (feeds and pages), from its last successful fetch.
CREATE TABLE wt.http_cache (
    url            VARCHAR PRIMARY KEY,
    etag           VARCHAR,
    last_modified  VARCHAR,
    body_hash      VARCHAR NOT NULL,   -- SHA-1 of the body: "200 but unchanged" is no change
    fetched_at     TIMESTAMPTZ NOT NULL,
    run_id         VARCHAR NOT NULL
);

-- Every entry a poll has seen, per feed. status: done | pending (retried next poll) | failed (given up).
CREATE TABLE wt.feed_entries (
    feed_url       VARCHAR NOT NULL,
    entry_key      VARCHAR NOT NULL,   -- the entry's id/guid, else its link
    link           VARCHAR,
    title          VARCHAR,
    published_at   VARCHAR,            -- ISO 8601 from the feed, as given to ingest
    digest         VARCHAR NOT NULL,   -- changes when the entry changes: its page is fetched again
    status         VARCHAR NOT NULL,
    attempts       INTEGER NOT NULL,   -- failed page fetches since the entry last changed
    reason         VARCHAR,
    first_run_id   VARCHAR NOT NULL,
    run_id         VARCHAR NOT NULL,
    PRIMARY KEY (feed_url, entry_key)
);

-- One row per HTTP request of a poll (after retries): what was fetched, and what failed and why.
CREATE TABLE wt.fetch_log (
    run_id         VARCHAR NOT NULL,
    seq            INTEGER NOT NULL,   -- request order within the run
    url            VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,   -- feed | page
    feed_url       VARCHAR NOT NULL,
    outcome        VARCHAR NOT NULL,   -- fetched | not_modified | unchanged | failed
    status         INTEGER,
    reason         VARCHAR,
    attempts       INTEGER NOT NULL,
    n_bytes        BIGINT,
    final_url      VARCHAR,
    fetched_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- Versions of an article: an article seen again (same id and URL) with changed text gets a new
-- version; wt.articles holds the latest. The latest version's text is wt.articles.text and its
-- `text` here is NULL; earlier versions keep their text here.
CREATE TABLE wt.article_versions (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,   -- 1, 2, ... in the order seen
    content_hash   VARCHAR NOT NULL,
    title          VARCHAR,
    published_at   TIMESTAMPTZ,
    text           VARCHAR,
    seen_at        TIMESTAMPTZ NOT NULL,
    run_id         VARCHAR NOT NULL,
    PRIMARY KEY (article_id, version)
);

INSERT INTO wt.article_versions
SELECT article_id, 1, content_hash, title, published_at, NULL, first_seen_at, run_id FROM wt.articles;
