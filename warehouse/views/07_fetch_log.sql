-- lineage.fetch_log: every HTTP request of every poll (after retries), with the reason of each failure.
CREATE OR REPLACE VIEW lineage.fetch_log AS
SELECT run_id, seq, url, kind, feed_url, outcome, status, reason, attempts, n_bytes, final_url, fetched_at
FROM whole.fetch_log;
