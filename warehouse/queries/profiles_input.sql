-- What verification needs of each article: clean text and its quotes in order.
-- Rows come in the order of $ids (verification reads them once, in that order).
SELECT a.article_id, a.clean_text,
       coalesce(list(q.quote ORDER BY q.quote_index) FILTER (WHERE q.quote IS NOT NULL), []) AS quotes
FROM unnest($ids::VARCHAR[]) WITH ORDINALITY AS wanted(article_id, position)
JOIN wt.articles a USING (article_id)
LEFT JOIN wt.quotes q USING (article_id)
GROUP BY wanted.position, a.article_id, a.clean_text
ORDER BY wanted.position;
