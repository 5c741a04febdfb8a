-- Following primary parents from any article must reach a root: no cycles.
WITH RECURSIVE walk(start, node, steps) AS (
    SELECT article_id, parent_article_id, 1 FROM edges WHERE is_primary AND parent_article_id IS NOT NULL
    UNION ALL
    SELECT w.start, e.parent_article_id, w.steps + 1
    FROM walk w JOIN edges e ON e.article_id = w.node AND e.is_primary AND e.parent_article_id IS NOT NULL
    WHERE w.node <> w.start AND w.steps < 10000
)
SELECT DISTINCT start FROM walk WHERE node = start;
