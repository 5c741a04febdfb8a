-- A warehouse file in one row: its last run (the one that published it), that run's status, finish time and wiretrace version, articles in its hot part.
SELECT r.run_id, r.status, coalesce(r.finished_at, r.started_at) AS finished_at, r.versions->>'wiretrace' AS wiretrace,
       (SELECT count(*) FROM wt.articles) AS articles
FROM (SELECT 1) AS one
LEFT JOIN (SELECT * FROM wt.runs ORDER BY started_at DESC, run_id DESC LIMIT 1) AS r ON true;
