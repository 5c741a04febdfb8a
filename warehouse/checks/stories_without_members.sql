SELECT s.story_id FROM wt.stories s LEFT JOIN wt.story_members m USING (story_id) WHERE m.article_id IS NULL;
