SELECT e.article_id, e.parent_article_id FROM edges e
LEFT JOIN articles a ON a.article_id = e.article_id
LEFT JOIN articles p ON p.article_id = e.parent_article_id
WHERE a.article_id IS NULL OR (e.parent_article_id IS NOT NULL AND p.article_id IS NULL);
