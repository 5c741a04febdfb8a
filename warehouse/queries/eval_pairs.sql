-- `wiretrace eval news`: the verified pairs with their evidence (columns of wiretrace.schemas.PAIR),
-- in a fixed order so that two evaluations print their wrong merges alike.
SELECT * EXCLUDE (run_id) FROM whole.pairs ORDER BY a, b;
