-- The dates of a run's new (and revised) articles: earliest, latest (NULL if none is dated) and how many articles.
SELECT min(published_at), max(published_at), count(*) FROM wt.articles WHERE run_id = $run_id;
