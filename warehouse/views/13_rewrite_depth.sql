-- Dashboard: hops from each article up its primary parents to the root (a cited wire counts as one hop).
CREATE OR REPLACE VIEW lineage.rewrite_depth AS
WITH RECURSIVE chain(article_id, ancestor, depth) AS (
    SELECT article_id, article_id, 0 FROM whole.articles
    UNION ALL
    SELECT c.article_id, e.parent_article_id, c.depth + 1
    FROM chain c
    JOIN whole.edges e ON e.article_id = c.ancestor AND e.is_primary AND e.parent_article_id IS NOT NULL
    WHERE c.depth < 1000
)
SELECT c.article_id, m.story_id,
       max(c.depth) + CASE WHEN bool_or(w.article_id IS NOT NULL) THEN 1 ELSE 0 END AS depth
FROM chain c
JOIN whole.story_members m ON m.article_id = c.article_id
LEFT JOIN whole.edges w ON w.article_id = c.ancestor AND w.is_primary AND w.parent_source IS NOT NULL
GROUP BY c.article_id, m.story_id;
