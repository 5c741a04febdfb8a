-- Stored articles among a batch of ids, with their content hash (to skip re-ingestion).
SELECT article_id, content_hash FROM wt.articles WHERE article_id IN (SELECT unnest($ids::VARCHAR[]));
