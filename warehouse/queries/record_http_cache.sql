-- Validators of the URLs fetched with a body this run (registered as `poll_cache`), replacing older ones.
INSERT INTO wt.http_cache
SELECT url, etag, last_modified, body_hash, fetched_at, $run_id
FROM poll_cache
QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) = 1
ON CONFLICT (url) DO UPDATE SET
    etag = excluded.etag, last_modified = excluded.last_modified, body_hash = excluded.body_hash,
    fetched_at = excluded.fetched_at, run_id = excluded.run_id;
