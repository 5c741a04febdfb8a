-- Health headline: when the last successful run, poll and maintenance finished, runs failed or crashed (last 7 days), runs still marked running.
WITH kinds AS (
    SELECT r.*,
           CASE WHEN json_extract_string(r.parameters, '$.flow') = 'wiretrace-maintain' THEN 'maintain'
                WHEN EXISTS (SELECT 1 FROM lineage.fetch_log f WHERE f.run_id = r.run_id) THEN 'poll'
                ELSE 'run' END AS kind
    FROM lineage.runs r
)
SELECT max(finished_at) FILTER (WHERE status = 'succeeded' AND kind = 'run') AS last_run,
       max(finished_at) FILTER (WHERE status = 'succeeded' AND kind = 'poll') AS last_poll,
       max(finished_at) FILTER (WHERE status = 'succeeded' AND kind = 'maintain') AS last_maintain,
       count(*) FILTER (WHERE status = 'failed' AND started_at >= now() - INTERVAL 7 DAY) AS failed_7d,
       count(*) FILTER (WHERE status = 'crashed' AND started_at >= now() - INTERVAL 7 DAY) AS crashed_7d,
       count(*) FILTER (WHERE status = 'running') AS running
FROM kinds;
