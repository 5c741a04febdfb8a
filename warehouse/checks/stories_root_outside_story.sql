SELECT s.story_id, s.root_article_id FROM stories s
LEFT JOIN story_members m ON m.article_id = s.root_article_id AND m.story_id = s.story_id
WHERE m.article_id IS NULL;
