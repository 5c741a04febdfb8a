-- Candidate pairs: two articles, at least one of them new in this run, that share at least
-- $min_shared_bands band keys within the time window (pairs with an undated article always
-- pass), ignoring over-full buckets (shared boilerplate and stock phrases). Each pair is built
-- once (a < b), so a run of only new articles does half the work of joining new to all.
-- Parameters: params_id, run_id, max_bucket, min_shared_bands, window_minutes.
WITH keys AS (
    SELECT k.band, k.key, k.article_id, a.run_id = $run_id AS is_new, a.published_at
    FROM wt.band_keys k
    JOIN wt.articles a USING (article_id)
    WHERE k.params_id = $params_id
), buckets AS (
    SELECT band, key
    FROM keys
    GROUP BY band, key
    HAVING count(*) BETWEEN 2 AND $max_bucket AND bool_or(is_new)
), members AS (
    SELECT k.* FROM keys k JOIN buckets USING (band, key)
)
SELECT x.article_id AS a, y.article_id AS b
FROM members x
JOIN members y ON x.band = y.band AND x.key = y.key AND x.article_id < y.article_id
WHERE (x.is_new OR y.is_new)
  AND ($window_minutes IS NULL OR x.published_at IS NULL OR y.published_at IS NULL
       OR abs(date_diff('minute', x.published_at, y.published_at)) <= $window_minutes)
GROUP BY x.article_id, y.article_id
HAVING count(*) >= $min_shared_bands
ORDER BY a, b;
