-- What verification needs of each article: clean text and its quotes in order.
-- Rows come in verification_order.sql's order (verification reads them once, in that order).
SELECT a.article_id, a.clean_text,
       coalesce(list(q.quote ORDER BY q.quote_index) FILTER (WHERE q.quote IS NOT NULL), []) AS quotes
FROM wt.articles a
LEFT JOIN wt.quotes q USING (article_id)
WHERE a.article_id IN (SELECT unnest($ids::VARCHAR[]))
GROUP BY a.article_id, a.clean_text, a.published_at
ORDER BY a.published_at NULLS FIRST, a.article_id;
