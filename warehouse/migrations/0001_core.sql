-- Internal schema `wt`: the stateful tables. Changed only by new numbered migrations.
CREATE SCHEMA IF NOT EXISTS wt;
CREATE SCHEMA IF NOT EXISTS lineage;

-- One row per run of the pipeline flow: what ran, with which parameters and library versions.
CREATE TABLE wt.runs (
    run_id        VARCHAR PRIMARY KEY,
    flow_run_id   VARCHAR,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL,
    inputs        JSON,
    parameters    JSON NOT NULL,
    versions      JSON NOT NULL,
    counts        JSON
);

CREATE TABLE wt.articles (
    article_id    VARCHAR PRIMARY KEY,
    url           VARCHAR,
    outlet        VARCHAR NOT NULL,
    title         VARCHAR,
    published_at  TIMESTAMPTZ,
    lang          VARCHAR,
    text          VARCHAR NOT NULL,
    clean_text    VARCHAR NOT NULL,
    byline        VARCHAR,
    dateline      VARCHAR,
    content_hash  VARCHAR NOT NULL,
    source_file   VARCHAR NOT NULL,
    record_ref    VARCHAR NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    run_id        VARCHAR NOT NULL
);

CREATE TABLE wt.quotes (
    article_id    VARCHAR NOT NULL,
    quote_index   INTEGER NOT NULL,
    quote         VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,
    PRIMARY KEY (article_id, quote_index)
);

CREATE TABLE wt.attributions (
    article_id    VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    phrase        VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,
    PRIMARY KEY (article_id, source, phrase)
);

-- Records that could not be used, with the file, the record and the reason.
CREATE TABLE wt.quarantine (
    source_file    VARCHAR NOT NULL,
    record_ref     VARCHAR NOT NULL,
    reason         VARCHAR NOT NULL,
    payload        VARCHAR,
    run_id         VARCHAR NOT NULL,
    quarantined_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source_file, record_ref, reason)
);

-- MinHash parameters; every signature and band key names the params_id that made it.
CREATE TABLE wt.signature_params (
    params_id      VARCHAR PRIMARY KEY,
    num_perm       INTEGER NOT NULL,
    seed           BIGINT NOT NULL,
    scheme         VARCHAR NOT NULL,
    hash_function  VARCHAR NOT NULL,
    shingle_size   INTEGER NOT NULL,
    bands          INTEGER NOT NULL,
    "rows"         INTEGER NOT NULL,
    max_bucket     INTEGER NOT NULL,
    datasketch_version VARCHAR NOT NULL,
    run_id         VARCHAR NOT NULL
);

CREATE TABLE wt.signatures (
    article_id    VARCHAR NOT NULL,
    params_id     VARCHAR NOT NULL,
    n_shingles    INTEGER NOT NULL,
    minhash       UINTEGER[] NOT NULL,
    run_id        VARCHAR NOT NULL,
    PRIMARY KEY (article_id, params_id)
);

-- The LSH index: one row per (article, band). Candidate pairs share a (band, key).
CREATE TABLE wt.band_keys (
    params_id     VARCHAR NOT NULL,
    band          SMALLINT NOT NULL,
    key           UBIGINT NOT NULL,
    article_id    VARCHAR NOT NULL
);

-- Verified pairs (a < b) with their evidence.
CREATE TABLE wt.pairs (
    a                         VARCHAR NOT NULL,
    b                         VARCHAR NOT NULL,
    jaccard                   DOUBLE NOT NULL,
    containment_ab            DOUBLE NOT NULL,
    containment_ba            DOUBLE NOT NULL,
    narrative_containment_ab  DOUBLE NOT NULL,
    narrative_containment_ba  DOUBLE NOT NULL,
    shared_narrative          INTEGER NOT NULL,
    aligned_share_ab          DOUBLE NOT NULL,
    aligned_share_ba          DOUBLE NOT NULL,
    aligned                   JSON NOT NULL,
    shared_quotes             JSON NOT NULL,
    relation                  VARCHAR NOT NULL,
    strength                  DOUBLE NOT NULL,
    run_id                    VARCHAR NOT NULL,
    PRIMARY KEY (a, b)
);

CREATE TABLE wt.stories (
    story_id        VARCHAR PRIMARY KEY,
    root_article_id VARCHAR NOT NULL,
    wire_source     VARCHAR,
    headline        VARCHAR,
    age             BIGINT NOT NULL,   -- creation order: lower is older; the oldest id survives a merge
    created_run     VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL
);

CREATE TABLE wt.story_members (
    article_id    VARCHAR PRIMARY KEY,
    story_id      VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL
);

CREATE TABLE wt.story_merges (
    survivor      VARCHAR NOT NULL,
    merged        VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL
);

CREATE TABLE wt.edges (
    article_id        VARCHAR NOT NULL,
    parent_article_id VARCHAR,
    parent_source     VARCHAR,
    relation          VARCHAR NOT NULL,
    confidence        DOUBLE NOT NULL,
    is_primary        BOOLEAN NOT NULL,
    evidence          JSON NOT NULL,
    story_id          VARCHAR NOT NULL,
    run_id            VARCHAR NOT NULL
);
