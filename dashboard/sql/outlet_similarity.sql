-- How much one outlet rewrites: similarity of each of its articles to its primary parent article.
SELECT e.article_id, e.parent_article_id, p.outlet AS parent_outlet, e.relation, e.confidence,
       CAST(e.evidence ->> 'containment_child_in_parent' AS DOUBLE) AS containment,
       CAST(e.evidence ->> 'jaccard' AS DOUBLE) AS jaccard,
       CAST(e.evidence ->> 'aligned_share_child' AS DOUBLE) AS aligned_share
FROM lineage.edges e
JOIN lineage.articles a ON a.article_id = e.article_id
JOIN lineage.articles p ON p.article_id = e.parent_article_id
WHERE a.outlet = $outlet AND e.is_primary
ORDER BY containment DESC, e.article_id;
