-- Share of all articles that belong to a story whose root cites each wire.
SELECT coalesce(wire_source, 'no cited wire') AS wire,
       sum(n_articles) AS articles,
       sum(n_articles) / (SELECT count(*) FROM lineage.articles) AS share
FROM lineage.stories
GROUP BY ALL
ORDER BY articles DESC, wire;
