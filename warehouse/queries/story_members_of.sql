-- Members of the given stories (article_id, story_id). Parameter: story_ids.
SELECT article_id, story_id FROM wt.story_members WHERE story_id IN (SELECT unnest($story_ids::VARCHAR[]));
