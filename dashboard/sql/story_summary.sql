-- One story: size, reach, root, cited wire and relation counts.
SELECT story_id, headline, wire_source, root_article_id, root_outlet, n_articles, n_outlets,
       first_published_at, last_published_at, spread_hours, n_verbatim, n_excerpt, n_rewrite
FROM lineage.story_summary
WHERE story_id = $story_id;
