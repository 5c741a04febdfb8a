-- Runs have a known status (a restore is a run of its own), and a failed or crashed one says why.
SELECT run_id, status FROM runs
WHERE status NOT IN ('running', 'succeeded', 'failed', 'crashed', 'restored') OR (status IN ('failed', 'crashed') AND error IS NULL);
