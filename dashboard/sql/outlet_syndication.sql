-- Outlets by syndication share: articles derived (a primary parent: an article or a cited wire) vs original.
SELECT a.outlet,
       count(*) AS articles,
       count(e.article_id) FILTER (WHERE e.parent_article_id IS NOT NULL) AS from_articles,
       count(e.article_id) FILTER (WHERE e.parent_source IS NOT NULL) AS from_cited_wires,
       count(*) FILTER (WHERE e.article_id IS NULL) AS original,
       count(e.article_id) / count(*) AS syndication_share
FROM lineage.articles a
LEFT JOIN lineage.edges e ON e.article_id = a.article_id AND e.is_primary
GROUP BY a.outlet
ORDER BY syndication_share DESC, articles DESC, a.outlet;
