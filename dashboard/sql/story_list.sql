-- Stories to pick from, largest first.
SELECT story_id, headline, wire_source, n_articles
FROM lineage.stories
ORDER BY n_articles DESC, first_published_at DESC NULLS LAST, story_id;
