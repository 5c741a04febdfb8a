-- List a new frozen part (its file is written and on disk).
INSERT INTO wt.parts (part_id, month, min_published, max_published, n_articles, n_stories, n_primary_edges, created_at)
VALUES ($part_id, $month, $min_published, $max_published, $n_articles, $n_stories, $n_primary_edges, now());
