-- lineage.sources: outlets that published ingested articles and wires/outlets cited in text.
-- n_articles counts articles published by an outlet, or articles citing a source.
CREATE OR REPLACE VIEW lineage.sources AS
WITH published AS (
    SELECT outlet AS source, count(*) AS n FROM whole.articles GROUP BY outlet
), cited AS (
    SELECT source, any_value(kind) AS kind, count(DISTINCT article_id) AS n FROM whole.attributions GROUP BY source
)
SELECT coalesce(c.source, p.source) AS source,
       CASE WHEN c.kind = 'wire' THEN 'wire' ELSE 'outlet' END AS kind,
       coalesce(p.n, 0) + coalesce(c.n, 0) AS n_articles,
       coalesce(p.n, 0) AS n_published,
       coalesce(c.n, 0) AS n_citing
FROM published p
FULL OUTER JOIN cited c ON lower(c.source) = lower(p.source);
