-- Runs have a known status, and a failed or crashed one says why.
SELECT run_id, status FROM wt.runs
WHERE status NOT IN ('running', 'succeeded', 'failed', 'crashed') OR (status IN ('failed', 'crashed') AND error IS NULL);
