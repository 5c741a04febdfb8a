-- Dashboard: for each outlet, how many of its articles derive (primary parent) from each source.
-- A source is the parent article's outlet, or the cited wire when the wire is the parent.
CREATE OR REPLACE VIEW lineage.outlet_source_dependency AS
SELECT a.outlet,
       coalesce(e.parent_source, p.outlet) AS source,
       e.relation,
       count(*) AS n_articles,
       avg(e.confidence) AS mean_confidence
FROM whole.edges e
JOIN whole.articles a ON a.article_id = e.article_id
LEFT JOIN whole.articles p ON p.article_id = e.parent_article_id
WHERE e.is_primary
GROUP BY ALL;
