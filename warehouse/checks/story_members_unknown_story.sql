SELECT m.article_id, m.story_id FROM story_members m LEFT JOIN stories s USING (story_id) WHERE s.story_id IS NULL;
