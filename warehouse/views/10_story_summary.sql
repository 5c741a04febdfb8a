-- Dashboard: one row per story with its root outlet, relations and latency to the last pickup.
CREATE OR REPLACE VIEW lineage.story_summary AS
SELECT s.story_id, s.headline, s.wire_source, s.root_article_id, r.outlet AS root_outlet,
       s.n_articles, s.n_outlets, s.first_published_at, s.last_published_at,
       date_diff('minute', s.first_published_at, s.last_published_at) / 60.0 AS spread_hours,
       count(e.article_id) FILTER (WHERE e.is_primary AND e.relation = 'verbatim') AS n_verbatim,
       count(e.article_id) FILTER (WHERE e.is_primary AND e.relation = 'excerpt') AS n_excerpt,
       count(e.article_id) FILTER (WHERE e.is_primary AND e.relation = 'rewrite') AS n_rewrite
FROM lineage.stories s
JOIN whole.articles r ON r.article_id = s.root_article_id
LEFT JOIN whole.edges e ON e.story_id = s.story_id
GROUP BY ALL;
