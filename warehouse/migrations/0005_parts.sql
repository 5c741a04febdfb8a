-- Frozen parts ("A year of news"): components of the pair graph whose articles are older than the
-- hot span live in immutable part files beside the warehouse (<db>.parts/<part_id>.duckdb). This
-- table lists the parts the warehouse is made of; it is published with the hot file, atomically.
CREATE TABLE wt.parts (
    part_id        VARCHAR PRIMARY KEY,   -- p<YYYYMM>_<8 hex>: the file name and the catalog it is attached as
    month          VARCHAR NOT NULL,      -- YYYY-MM of the newest article of each component it holds
    min_published  TIMESTAMPTZ,           -- the dates of its articles: a run reaching them thaws the part
    max_published  TIMESTAMPTZ,
    n_articles     BIGINT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE SCHEMA IF NOT EXISTS whole;
