SELECT e.article_id, e.parent_article_id FROM edges e
JOIN story_members mc ON mc.article_id = e.article_id
JOIN story_members mp ON mp.article_id = e.parent_article_id
WHERE mc.story_id <> mp.story_id OR e.story_id <> mc.story_id;
