-- Candidate pairs: a new article (this run) and any stored article sharing at least
-- $min_shared_bands band keys, within the time window (pairs with an undated article always
-- pass), ignoring over-full buckets (shared boilerplate and stock phrases).
-- Parameters: params_id, run_id, max_bucket, min_shared_bands, window_minutes.
WITH new_keys AS (
    SELECT k.band, k.key, k.article_id
    FROM wt.band_keys k
    JOIN wt.articles a USING (article_id)
    WHERE k.params_id = $params_id AND a.run_id = $run_id
), buckets AS (
    SELECT k.band, k.key
    FROM wt.band_keys k
    JOIN (SELECT DISTINCT band, key FROM new_keys) n USING (band, key)
    WHERE k.params_id = $params_id
    GROUP BY k.band, k.key
    HAVING count(*) BETWEEN 2 AND $max_bucket
), hits AS (
    SELECT least(n.article_id, o.article_id) AS a, greatest(n.article_id, o.article_id) AS b
    FROM new_keys n
    JOIN buckets USING (band, key)
    JOIN wt.band_keys o
      ON o.params_id = $params_id AND o.band = n.band AND o.key = n.key AND o.article_id <> n.article_id
    GROUP BY ALL
    -- two new articles meet from both ends; DISTINCT counts each shared band once
    HAVING count(DISTINCT (n.band, n.key)) >= $min_shared_bands
)
SELECT h.a, h.b
FROM hits h
JOIN wt.articles x ON x.article_id = h.a
JOIN wt.articles y ON y.article_id = h.b
WHERE $window_minutes IS NULL OR x.published_at IS NULL OR y.published_at IS NULL
   OR abs(date_diff('minute', x.published_at, y.published_at)) <= $window_minutes
ORDER BY h.a, h.b;
