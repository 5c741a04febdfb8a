-- Big warehouse: what the builder wrote (the whole warehouse: hot part and frozen parts), for its report.
SELECT
    (SELECT count(*) FROM whole.articles) AS articles,
    (SELECT count(*) FROM whole.band_keys) AS band_keys,
    (SELECT count(*) FROM whole.pairs) AS pairs,
    (SELECT count(*) FROM whole.stories) AS stories,
    (SELECT count(*) FROM whole.edges) AS edges,
    (SELECT min(published_at) FROM whole.articles) AS first_published,
    (SELECT max(published_at) FROM whole.articles) AS last_published,
    (SELECT count(*) FROM wt.articles) AS hot_articles,
    (SELECT count(*) FROM wt.parts) AS parts;
