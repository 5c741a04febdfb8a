-- The frozen parts the open warehouse is made of, by id.
SELECT part_id, month, min_published, max_published, n_articles FROM wt.parts ORDER BY part_id;
