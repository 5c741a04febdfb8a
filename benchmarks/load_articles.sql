-- Benchmark: articles into wt.articles with only what candidate_pairs.sql reads (id, date,
-- run); the text columns stay empty. Parameters: run_id, loaded_at. Input: bench_articles.
INSERT INTO wt.articles (
    article_id, outlet, published_at, text, clean_text, content_hash, source_file, record_ref, first_seen_at, run_id
)
SELECT article_id, 'bench', published_at AT TIME ZONE 'UTC', '', '', article_id, 'bench', article_id, $loaded_at, $run_id
FROM bench_articles;
