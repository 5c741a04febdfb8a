-- This run's requests (registered as `poll_fetches`, in request order) into the fetch log.
INSERT INTO wt.fetch_log
SELECT $run_id, row_number() OVER () AS seq, url, kind, feed_url, outcome, status, reason, attempts, n_bytes,
       final_url, fetched_at
FROM poll_fetches;
