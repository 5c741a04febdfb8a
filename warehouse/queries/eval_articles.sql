-- `wiretrace eval news`: each article's story and detected language.
SELECT article_id, story_id, lang FROM lineage.articles;
