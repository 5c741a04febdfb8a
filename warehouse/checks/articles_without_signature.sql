SELECT a.article_id FROM wt.articles a LEFT JOIN wt.signatures s USING (article_id) WHERE s.article_id IS NULL;
