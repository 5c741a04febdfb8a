-- Candidate pairs: two articles, at least one of them new in this run, within the time window
-- (pairs with an undated article always pass). Parameters: params_id, run_id, max_bucket,
-- min_shared_bands, window_minutes.
--
-- Exact copies (equal signatures: the same shingle set) are grouped first. Each copy is paired
-- with its group's representative (the earliest, then the smallest id), and only representatives
-- enter the LSH buckets. So a wire copied verbatim by hundreds of outlets fills no bucket, while a
-- bucket that stays over-full (more than $max_bucket distinct texts in the run's time span:
-- shared boilerplate, stock phrases) is ignored. Two representatives are candidates when they
-- share at least $min_shared_bands band keys. Each pair is built once (a < b). Only articles in the run's span
-- and buckets holding a new representative are grouped, so a run's cost follows its new
-- articles and their window, not the size of the warehouse.
WITH span AS (
    -- The run's time span widened by the window: older and newer articles cannot pair with it.
    SELECT min(published_at) - to_minutes($window_minutes) AS lo,
           max(published_at) + to_minutes($window_minutes) AS hi
    FROM wt.articles WHERE run_id = $run_id
), articles AS (
    SELECT s.article_id, a.run_id = $run_id AS is_new, a.published_at,
           first_value(s.article_id) OVER copies AS rep,
           first_value(a.run_id = $run_id) OVER copies AS rep_is_new,
           first_value(a.published_at) OVER copies AS rep_published_at
    FROM wt.signatures s
    JOIN wt.articles a USING (article_id), span
    WHERE s.params_id = $params_id AND s.n_shingles > 0
      AND ($window_minutes IS NULL OR a.published_at IS NULL OR a.run_id = $run_id
           OR span.lo IS NULL OR a.published_at BETWEEN span.lo AND span.hi)
    WINDOW copies AS (PARTITION BY hash(s.minhash) ORDER BY a.published_at NULLS LAST, s.article_id)
), keys AS (
    SELECT k.band, k.key, r.article_id, r.is_new, r.published_at
    FROM wt.band_keys k
    JOIN articles r ON r.article_id = k.article_id AND r.article_id = r.rep
    WHERE k.params_id = $params_id
), new_buckets AS (
    SELECT DISTINCT band, key FROM keys WHERE is_new
), buckets AS (
    SELECT band, key
    FROM keys SEMI JOIN new_buckets USING (band, key)
    GROUP BY band, key
    HAVING count(*) BETWEEN 2 AND $max_bucket
), members AS (
    SELECT k.* FROM keys k JOIN buckets USING (band, key)
), bucket_pairs AS (
    SELECT x.article_id AS a, y.article_id AS b
    FROM members x
    JOIN members y ON x.band = y.band AND x.key = y.key AND x.article_id < y.article_id
    WHERE (x.is_new OR y.is_new)
      AND ($window_minutes IS NULL OR x.published_at IS NULL OR y.published_at IS NULL
           OR abs(date_diff('minute', x.published_at, y.published_at)) <= $window_minutes)
    GROUP BY x.article_id, y.article_id
    HAVING count(*) >= $min_shared_bands
), copy_pairs AS (
    SELECT least(article_id, rep) AS a, greatest(article_id, rep) AS b
    FROM articles
    WHERE article_id <> rep AND (is_new OR rep_is_new)
      AND ($window_minutes IS NULL OR published_at IS NULL OR rep_published_at IS NULL
           OR abs(date_diff('minute', published_at, rep_published_at)) <= $window_minutes)
)
SELECT a, b FROM bucket_pairs
UNION
SELECT a, b FROM copy_pairs
ORDER BY a, b;
