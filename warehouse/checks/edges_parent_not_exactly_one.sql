SELECT * FROM edges WHERE (parent_article_id IS NULL) = (parent_source IS NULL);
