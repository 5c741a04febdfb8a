-- Conditional-GET validators of the given feeds and of the pages their entries link to.
SELECT url, etag, last_modified, body_hash
FROM wt.http_cache
WHERE url IN (SELECT unnest($feeds::VARCHAR[]))
   OR url IN (SELECT link FROM wt.feed_entries WHERE feed_url IN (SELECT unnest($feeds::VARCHAR[])));
