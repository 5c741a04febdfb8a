-- The order verification reads articles in: by publication time (undated first), then id.
-- Must equal the ORDER BY of profiles_input.sql.
SELECT article_id
FROM wt.articles
WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))
ORDER BY published_at NULLS FIRST, article_id;
