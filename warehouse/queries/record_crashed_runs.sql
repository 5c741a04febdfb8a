-- Runs found dead by a later writer (registered as `crashed_runs`), once each; a run already recorded keeps its row.
INSERT INTO wt.runs (run_id, flow_run_id, started_at, finished_at, status, inputs, parameters, versions, counts, error)
SELECT run_id, flow_run_id, coalesce(started_at, found_at), NULL, 'crashed', NULL, json_object('flow', flow), '{}', NULL, error
FROM crashed_runs
ON CONFLICT (run_id) DO NOTHING;
