-- The largest stories: size, reach, root and how their copies were made.
SELECT story_id, headline, wire_source, root_article_id, root_outlet, n_articles, n_outlets,
       first_published_at, spread_hours, n_verbatim, n_excerpt, n_rewrite
FROM lineage.story_summary
ORDER BY n_articles DESC, first_published_at DESC NULLS LAST, story_id
LIMIT $limit;
