-- `wiretrace eval news`: every citation found in the articles.
SELECT article_id, source, phrase FROM lineage.attributions;
