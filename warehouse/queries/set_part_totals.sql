-- Record the totals of a part listed before they were kept (migration 0006).
UPDATE wt.parts SET n_stories = $n_stories, n_primary_edges = $n_primary_edges WHERE part_id = $part_id;
