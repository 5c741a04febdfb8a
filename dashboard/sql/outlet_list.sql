-- Outlets to pick from, most articles first.
SELECT outlet, count(*) AS articles
FROM lineage.articles
GROUP BY outlet
ORDER BY articles DESC, outlet;
