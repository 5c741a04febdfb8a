-- The articles of one story with their primary parent (an article or a cited wire) and depth below the root.
SELECT a.article_id, a.outlet, a.title, a.published_at, a.url,
       a.article_id = s.root_article_id AS is_root,
       e.parent_article_id, e.parent_source, e.relation, e.confidence,
       d.depth
FROM lineage.articles a
JOIN lineage.stories s ON s.story_id = a.story_id
LEFT JOIN lineage.edges e ON e.article_id = a.article_id AND e.is_primary
LEFT JOIN lineage.rewrite_depth d ON d.article_id = a.article_id
WHERE a.story_id = $story_id
ORDER BY a.published_at NULLS LAST, d.depth, a.article_id;
