-- Exactly one primary parent per article that has a parent.
SELECT article_id, count(*) FILTER (WHERE is_primary) AS n_primary FROM edges GROUP BY article_id HAVING n_primary <> 1;
