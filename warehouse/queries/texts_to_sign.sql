-- Articles to sign with the current signature parameters: this run's articles, and any stored
-- article without a signature under $params_id (signed before the parameters changed: a new
-- tokenizer, seed or shingle size makes old signatures incomparable, so they are made again).
-- Parameter: params_id. (A run's new articles have no signature yet, so they are always here.)
SELECT a.article_id, a.clean_text
FROM wt.articles a
ANTI JOIN (SELECT article_id FROM wt.signatures WHERE params_id = $params_id) s USING (article_id)
