-- `wiretrace explain`: the articles of the story that holds $article_id.
SELECT article_id, outlet, title, published_at, story_id
FROM lineage.articles
WHERE story_id = (SELECT story_id FROM lineage.articles WHERE article_id = $article_id)
ORDER BY published_at NULLS LAST, article_id;
