-- `wiretrace eval news`: each article's clean text and its quotes in order.
SELECT a.article_id, a.clean_text, coalesce(list(q.quote ORDER BY q.quote_index) FILTER (WHERE q.quote IS NOT NULL), [])
FROM whole.articles a LEFT JOIN whole.quotes q USING (article_id)
GROUP BY a.article_id, a.clean_text;
