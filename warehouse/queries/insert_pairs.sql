-- Verified pairs (registered as `verified_pairs`); a pair already stored keeps its row. Parameter: run_id.
INSERT INTO wt.pairs SELECT *, $run_id FROM verified_pairs ON CONFLICT DO NOTHING;
