SELECT a.article_id FROM articles a LEFT JOIN signatures s USING (article_id) WHERE s.article_id IS NULL;
