-- Articles written by a run: new ones and new versions of stored ones.
SELECT article_id FROM wt.articles WHERE run_id = $run_id;
