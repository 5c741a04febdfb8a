-- Failed requests of the last 7 days by reason (as recorded), most frequent first.
SELECT coalesce(reason, 'unknown') AS reason, count(*) AS requests, max(fetched_at) AS last_seen
FROM lineage.fetch_log
WHERE outcome = 'failed' AND fetched_at >= now() - INTERVAL 7 DAY
GROUP BY ALL
ORDER BY requests DESC, reason;
