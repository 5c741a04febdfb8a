-- A run whose private copy was discarded: its own row only, failed with the error. Parameters: run_id, flow_run_id, started_at, inputs, parameters, versions, error.
INSERT INTO wt.runs (run_id, flow_run_id, started_at, finished_at, status, inputs, parameters, versions, counts, error)
VALUES ($run_id, $flow_run_id, $started_at, now(), 'failed', $inputs, $parameters, $versions, NULL, $error)
ON CONFLICT (run_id) DO UPDATE SET status = 'failed', finished_at = now(), error = excluded.error;
