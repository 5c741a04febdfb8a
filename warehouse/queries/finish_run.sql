-- Close a run, now, with its counts (JSON text): succeeded, or failed with an error when nothing it read was usable. Parameters: run_id, counts, status, error.
UPDATE wt.runs SET status = $status, finished_at = now(), counts = $counts, error = $error WHERE run_id = $run_id;
