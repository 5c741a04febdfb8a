-- The views were just (re)created from what $fingerprint describes.
INSERT INTO wt.views_applied
SELECT coalesce(max(seq), 0) + 1, $fingerprint, now() FROM wt.views_applied;
