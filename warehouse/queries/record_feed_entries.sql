-- Entries processed this run (registered as `poll_entries`), replacing what earlier polls stored.
INSERT INTO wt.feed_entries
SELECT feed_url, entry_key, link, title, published_at, digest, status, attempts, reason, $run_id, $run_id
FROM poll_entries
ON CONFLICT (feed_url, entry_key) DO UPDATE SET
    link = excluded.link, title = excluded.title, published_at = excluded.published_at, digest = excluded.digest,
    status = excluded.status, attempts = excluded.attempts, reason = excluded.reason, run_id = excluded.run_id;
