SELECT s.story_id FROM stories s LEFT JOIN story_members m USING (story_id) WHERE m.article_id IS NULL;
