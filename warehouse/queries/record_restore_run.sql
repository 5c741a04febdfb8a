-- A restore of a kept version, started and finished now (status 'restored'). Parameters: run_id, flow_run_id, parameters, versions, counts.
INSERT INTO wt.runs (run_id, flow_run_id, started_at, finished_at, status, inputs, parameters, versions, counts)
VALUES ($run_id, $flow_run_id, now(), now(), 'restored', NULL, $parameters, $versions, $counts);
