-- Forget the lineage edges of the given (child) articles. Parameter: article_ids.
DELETE FROM wt.edges WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
