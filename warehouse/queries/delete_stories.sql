-- Drop stories that no longer exist (merged away or emptied). Parameter: story_ids.
DELETE FROM wt.stories WHERE story_id IN (SELECT unnest($story_ids::VARCHAR[]));
