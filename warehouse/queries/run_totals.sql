-- Warehouse totals recorded with each run's counts (always exactly one row).
SELECT
    (SELECT count(*) FROM whole.articles) AS total_articles,
    (SELECT count(*) FROM whole.stories) AS total_stories,
    (SELECT count(*) FROM whole.edges WHERE is_primary) AS total_primary_edges,
    (SELECT count(*) FROM whole.quarantine) AS total_quarantined;
