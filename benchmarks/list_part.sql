-- Big warehouse: list a part the builder wrote (its file is complete and detached). Parameters: part_id, month, lo, hi, n.
INSERT INTO wt.parts (part_id, month, min_published, max_published, n_articles, created_at)
VALUES ($part_id, $month, $lo, $hi, $n, now());
