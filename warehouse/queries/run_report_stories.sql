-- The largest stories a run created or grew, with how many of their articles the run added.
SELECT s.story_id,
       CASE WHEN w.created_run = $run_id THEN 'new' ELSE 'grown' END AS status,
       s.n_articles,
       count(*) FILTER (WHERE a.run_id = $run_id) AS added,
       s.n_outlets,
       s.wire_source,
       s.root_article_id,
       s.headline
FROM lineage.stories s
JOIN wt.stories w ON w.story_id = s.story_id
JOIN wt.story_members m ON m.story_id = s.story_id
JOIN wt.articles a ON a.article_id = m.article_id
GROUP BY ALL
HAVING count(*) FILTER (WHERE a.run_id = $run_id) > 0
ORDER BY s.n_articles DESC, added DESC, s.story_id
LIMIT $limit;
