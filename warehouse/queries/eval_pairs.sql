-- `wiretrace eval news`: the verified pairs with their evidence (columns of wiretrace.verify.PAIR).
SELECT * EXCLUDE (run_id) FROM wt.pairs;
