-- Record a run as started. Parameters: run_id, flow_run_id, inputs, parameters, versions (JSON text).
INSERT INTO wt.runs (run_id, flow_run_id, started_at, status, inputs, parameters, versions)
VALUES ($run_id, $flow_run_id, now(), 'running', $inputs, $parameters, $versions);
