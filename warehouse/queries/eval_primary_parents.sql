-- `wiretrace eval news`: each article's primary parent (an article or a cited source).
SELECT article_id, parent_article_id, parent_source FROM lineage.edges WHERE is_primary;
