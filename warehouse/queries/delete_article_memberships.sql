-- Forget the story memberships of the given articles. Parameter: article_ids.
DELETE FROM wt.story_members WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
