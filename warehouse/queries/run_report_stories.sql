-- The largest stories a run created or grew, with how many of their articles the run added.
-- Only the stories holding the run's articles are measured, so the cost follows the run, not the warehouse.
WITH touched AS (
    SELECT m.story_id, count(*) AS added
    FROM wt.articles a
    JOIN wt.story_members m ON m.article_id = a.article_id
    WHERE a.run_id = $run_id
    GROUP BY m.story_id
)
SELECT s.story_id,
       CASE WHEN w.created_run = $run_id THEN 'new' ELSE 'grown' END AS status,
       s.n_articles,
       t.added,
       s.n_outlets,
       s.wire_source,
       s.root_article_id,
       s.headline
FROM touched t
JOIN wt.stories w ON w.story_id = t.story_id
JOIN lineage.stories s ON s.story_id = t.story_id
ORDER BY s.n_articles DESC, t.added DESC, s.story_id
LIMIT $limit;
