-- Big warehouse: list a part the builder wrote (its file is complete and detached).
-- Parameters: part_id, month, lo, hi, n, n_stories, n_primary_edges.
INSERT INTO wt.parts (part_id, month, min_published, max_published, n_articles, n_stories, n_primary_edges, created_at)
VALUES ($part_id, $month, $lo, $hi, $n, $n_stories, $n_primary_edges, now());
