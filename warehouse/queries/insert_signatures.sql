-- MinHash signatures (registered as `new_signatures`). Parameter: run_id.
INSERT INTO wt.signatures SELECT article_id, params_id, n_shingles, minhash, $run_id FROM new_signatures;
