-- The largest stories a run created or grew, with how many of their articles the run added.
-- Only the stories holding the run's articles are measured, from the hot part (which holds every story a
-- run touched), so the cost follows the run and the hot part, not the warehouse.
WITH touched AS (
    SELECT m.story_id, count(*) AS added
    FROM wt.articles a
    JOIN wt.story_members m ON m.article_id = a.article_id
    WHERE a.run_id = $run_id
    GROUP BY m.story_id
), sizes AS (
    SELECT m.story_id, count(*) AS n_articles, count(DISTINCT a.outlet) AS n_outlets
    FROM wt.story_members m
    JOIN wt.articles a ON a.article_id = m.article_id
    WHERE m.story_id IN (SELECT story_id FROM touched)
    GROUP BY m.story_id
)
SELECT w.story_id,
       CASE WHEN w.created_run = $run_id THEN 'new' ELSE 'grown' END AS status,
       z.n_articles,
       t.added,
       z.n_outlets,
       w.wire_source,
       w.root_article_id,
       w.headline
FROM touched t
JOIN wt.stories w ON w.story_id = t.story_id
JOIN sizes z ON z.story_id = t.story_id
ORDER BY z.n_articles DESC, t.added DESC, w.story_id
LIMIT $limit;
