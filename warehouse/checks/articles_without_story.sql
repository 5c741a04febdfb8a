-- Every article belongs to exactly one story.
SELECT a.article_id FROM wt.articles a LEFT JOIN wt.story_members m USING (article_id) WHERE m.story_id IS NULL;
