-- A finished run's counts (from wt.runs) and the stories it created or grew (the hot part holds a run's own articles).
-- A story is new when the run created it, grown when the run added an article to an older story.
WITH touched AS (
    SELECT m.story_id, any_value(s.created_run) = $run_id AS is_new
    FROM wt.story_members m
    JOIN wt.articles a ON a.article_id = m.article_id
    JOIN wt.stories s ON s.story_id = m.story_id
    WHERE a.run_id = $run_id
    GROUP BY m.story_id
)
SELECT r.run_id, r.flow_run_id, r.status, r.error, r.started_at, r.finished_at, r.counts::VARCHAR AS counts,
       (SELECT count(*) FROM touched WHERE is_new) AS new_stories,
       (SELECT count(*) FROM touched WHERE NOT is_new) AS grown_stories
FROM wt.runs r
WHERE r.run_id = $run_id;
