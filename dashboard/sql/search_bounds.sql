-- Filter choices for search: the publication date range and the cited wires.
SELECT (SELECT min(published_at) FROM lineage.articles) AS first_published_at,
       (SELECT max(published_at) FROM lineage.articles) AS last_published_at,
       (SELECT coalesce(list(DISTINCT wire_source ORDER BY wire_source), [])
        FROM lineage.stories WHERE wire_source IS NOT NULL) AS wires;
