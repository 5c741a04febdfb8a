-- Feed entries have a known status, and a pending one has failed at least once.
SELECT feed_url, entry_key FROM feed_entries
WHERE status NOT IN ('done', 'pending', 'failed') OR (status = 'pending' AND attempts < 1);
