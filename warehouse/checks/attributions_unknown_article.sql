SELECT t.article_id FROM wt.attributions t LEFT JOIN wt.articles a USING (article_id) WHERE a.article_id IS NULL;
