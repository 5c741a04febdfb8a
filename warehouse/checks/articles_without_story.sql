-- Every article belongs to exactly one story.
SELECT a.article_id FROM articles a LEFT JOIN story_members m USING (article_id) WHERE m.story_id IS NULL;
