-- Dashboard: hours from a story's first publication to each later article (dated articles only).
CREATE OR REPLACE VIEW lineage.pickup_latency AS
SELECT a.article_id, a.outlet, m.story_id, a.published_at, s.first_published_at,
       date_diff('minute', s.first_published_at, a.published_at) / 60.0 AS latency_hours
FROM whole.articles a
JOIN whole.story_members m USING (article_id)
JOIN lineage.stories s USING (story_id)
WHERE a.published_at IS NOT NULL AND a.article_id <> s.root_article_id;
