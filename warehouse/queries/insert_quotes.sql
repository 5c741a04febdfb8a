-- Quotes (registered as `batch_quotes`) of this batch's stored articles (`versioned_articles`). Parameter: run_id.
INSERT INTO wt.quotes
SELECT article_id, quote_index, quote, $run_id FROM batch_quotes SEMI JOIN versioned_articles USING (article_id);
