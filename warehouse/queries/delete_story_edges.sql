-- Forget the lineage edges of the given stories. Parameter: story_ids.
DELETE FROM wt.edges WHERE story_id IN (SELECT unnest($story_ids::VARCHAR[]));
