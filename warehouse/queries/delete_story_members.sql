-- Forget the memberships of the given stories. Parameter: story_ids.
DELETE FROM wt.story_members WHERE story_id IN (SELECT unnest($story_ids::VARCHAR[]));
