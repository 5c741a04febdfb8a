-- Articles stored per hour over the last 48 hours (by when they were first seen; hours with none are absent).
SELECT date_trunc('hour', first_seen_at) AS hour, count(*) AS articles
FROM lineage.articles
WHERE first_seen_at >= now() - INTERVAL 48 HOUR
GROUP BY ALL
ORDER BY hour;
