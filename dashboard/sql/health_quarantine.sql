-- Quarantined records of the last 7 days by reason (as recorded), most frequent first.
SELECT reason, count(*) AS records, max(quarantined_at) AS last_seen
FROM lineage.quarantine
WHERE quarantined_at >= now() - INTERVAL 7 DAY
GROUP BY ALL
ORDER BY records DESC, reason;
