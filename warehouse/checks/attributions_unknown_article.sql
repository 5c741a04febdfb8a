SELECT t.article_id FROM attributions t LEFT JOIN articles a USING (article_id) WHERE a.article_id IS NULL;
