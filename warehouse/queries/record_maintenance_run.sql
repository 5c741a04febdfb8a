-- A maintenance run, succeeded, started and finished now. Parameters: run_id, flow_run_id, parameters, versions, counts.
INSERT INTO wt.runs (run_id, flow_run_id, started_at, finished_at, status, inputs, parameters, versions, counts)
VALUES ($run_id, $flow_run_id, now(), now(), 'succeeded', NULL, $parameters, $versions, $counts);
