-- What one outlet derives from: the source of each primary parent (an outlet or a cited wire), by relation.
SELECT source, relation, n_articles, mean_confidence
FROM lineage.outlet_source_dependency
WHERE outlet = $outlet
ORDER BY n_articles DESC, source, relation;
