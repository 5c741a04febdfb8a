-- Current story of every stored article in the story region, with the story's age (lower = older).
SELECT m.article_id, m.story_id, s.age
FROM wt.story_members m
JOIN wt.stories s USING (story_id)
WHERE m.article_id IN (SELECT article_id FROM story_region);
