-- Verified pairs with both ends among the given articles.
SELECT * FROM wt.pairs
WHERE a IN (SELECT unnest($ids::VARCHAR[])) AND b IN (SELECT unnest($ids::VARCHAR[]));
