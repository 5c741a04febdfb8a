-- The latest failed and crashed runs with their error, newest first. Parameter: limit.
SELECT run_id, status, started_at, finished_at, error, flow_run_id
FROM lineage.runs
WHERE status IN ('failed', 'crashed')
ORDER BY started_at DESC, run_id
LIMIT $limit;
