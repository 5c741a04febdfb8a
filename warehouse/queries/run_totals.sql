-- Warehouse totals recorded with each run's counts (always exactly one row).
SELECT
    (SELECT count(*) FROM wt.articles) AS total_articles,
    (SELECT count(*) FROM wt.stories) AS total_stories,
    (SELECT count(*) FROM wt.edges WHERE is_primary) AS total_primary_edges,
    (SELECT count(*) FROM wt.quarantine) AS total_quarantined;
