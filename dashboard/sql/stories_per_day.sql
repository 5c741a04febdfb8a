-- Stories per day (by first publication, UTC), split by the wire cited at the root.
SELECT CAST(first_published_at AS DATE) AS day,
       coalesce(wire_source, 'no cited wire') AS wire,
       count(*) AS stories,
       sum(n_articles) AS articles
FROM lineage.stories
WHERE first_published_at IS NOT NULL
GROUP BY ALL
ORDER BY day, wire;
