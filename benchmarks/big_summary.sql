-- Big warehouse: what the builder wrote, for its report.
SELECT
    (SELECT count(*) FROM wt.articles) AS articles,
    (SELECT count(*) FROM wt.band_keys) AS band_keys,
    (SELECT count(*) FROM wt.pairs) AS pairs,
    (SELECT count(*) FROM wt.stories) AS stories,
    (SELECT count(*) FROM wt.edges) AS edges,
    (SELECT min(published_at) FROM wt.articles) AS first_published,
    (SELECT max(published_at) FROM wt.articles) AS last_published;
