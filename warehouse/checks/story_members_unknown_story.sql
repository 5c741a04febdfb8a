SELECT m.article_id, m.story_id FROM wt.story_members m LEFT JOIN wt.stories s USING (story_id) WHERE s.story_id IS NULL;
