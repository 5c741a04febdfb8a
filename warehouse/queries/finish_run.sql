-- Mark a run succeeded, now, with its counts (JSON text). Parameters: run_id, counts.
UPDATE wt.runs SET status = 'succeeded', finished_at = now(), counts = $counts WHERE run_id = $run_id;
