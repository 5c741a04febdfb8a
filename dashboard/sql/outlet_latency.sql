-- How fast one outlet picks up stories: hours from each story's first publication to the outlet's article.
SELECT l.article_id, l.story_id, s.headline, s.wire_source, l.published_at, l.latency_hours
FROM lineage.pickup_latency l
JOIN lineage.stories s ON s.story_id = l.story_id
WHERE l.outlet = $outlet
ORDER BY l.latency_hours, l.article_id;
