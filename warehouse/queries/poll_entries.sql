-- What earlier polls stored about the entries of the given feeds.
SELECT feed_url, entry_key, link, title, published_at, digest, status, attempts
FROM wt.feed_entries
WHERE feed_url IN (SELECT unnest($feeds::VARCHAR[]));
