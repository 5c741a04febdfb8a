-- Stored articles (hot or frozen) among a batch of ids, with their content hash and URL (new, unchanged or new version).
SELECT article_id, content_hash, url FROM whole.articles WHERE article_id IN (SELECT unnest($ids::VARCHAR[]));
