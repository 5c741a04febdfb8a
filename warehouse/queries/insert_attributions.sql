-- Attributions (registered as `batch_attributions`) of this batch's stored articles, once per source and phrase.
INSERT INTO wt.attributions
SELECT DISTINCT ON (article_id, source, phrase) article_id, source, kind, phrase, $run_id
FROM batch_attributions SEMI JOIN versioned_articles USING (article_id);
