-- The fingerprint of what the views were last created from (no row: never recorded).
SELECT fingerprint FROM wt.views_applied ORDER BY seq DESC LIMIT 1;
