-- Verified pairs inside the story region (closed under pairs: both ends are in it).
SELECT a, b, strength, containment_ab, containment_ba
FROM wt.pairs
WHERE a IN (SELECT article_id FROM story_region);
