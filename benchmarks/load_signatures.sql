-- Benchmark: signatures (SIGNATURE schema) into wt.signatures; candidate_pairs.sql groups exact
-- copies by them. Parameters: run_id. Input: bench_signatures.
INSERT INTO wt.signatures SELECT article_id, params_id, n_shingles, minhash, $run_id FROM bench_signatures;
