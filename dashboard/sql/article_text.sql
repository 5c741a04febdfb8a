-- One article's clean text and its direct quotes, in order (for the side-by-side view).
SELECT a.article_id, a.outlet, a.title, a.published_at, a.clean_text,
       coalesce(list(q.quote ORDER BY q.quote_index) FILTER (WHERE q.quote IS NOT NULL), []) AS quotes
FROM whole.articles a
LEFT JOIN whole.quotes q ON q.article_id = a.article_id
WHERE a.article_id = $article_id
GROUP BY ALL;
