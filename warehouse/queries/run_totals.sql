-- Warehouse totals recorded with each run's counts (always exactly one row): the hot part's rows
-- plus the listed parts' recorded totals (every listed part has them: count_part_totals), so no
-- part is read. A story and its edges lie in one part or in the hot part, never across.
SELECT
    (SELECT count(*) FROM wt.articles) + (SELECT coalesce(sum(n_articles), 0) FROM wt.parts) AS total_articles,
    (SELECT count(*) FROM wt.stories) + (SELECT coalesce(sum(n_stories), 0) FROM wt.parts) AS total_stories,
    (SELECT count(*) FROM wt.edges WHERE is_primary)
        + (SELECT coalesce(sum(n_primary_edges), 0) FROM wt.parts) AS total_primary_edges,
    (SELECT count(*) FROM wt.quarantine) AS total_quarantined;
