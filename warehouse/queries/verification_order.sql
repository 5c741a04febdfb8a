-- The order verification reads articles in: by publication time (undated first), then id.
SELECT article_id
FROM wt.articles
WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))
ORDER BY published_at NULLS FIRST, article_id;
