-- Articles matching the search filters; an empty list or NULL parameter means "any".
-- relation 'original' matches articles without a primary parent.
SELECT a.article_id, a.published_at, a.outlet, a.title, a.story_id, s.wire_source,
       coalesce(e.relation, 'original') AS relation, e.confidence,
       coalesce(e.parent_article_id, e.parent_source) AS parent
FROM lineage.articles a
JOIN lineage.stories s ON s.story_id = a.story_id
LEFT JOIN lineage.edges e ON e.article_id = a.article_id AND e.is_primary
WHERE ($date_from::DATE IS NULL OR a.published_at >= $date_from::DATE)
  AND ($date_to::DATE IS NULL OR a.published_at < $date_to::DATE + INTERVAL 1 DAY)
  AND (len($outlets::VARCHAR[]) = 0 OR list_contains($outlets::VARCHAR[], a.outlet))
  AND ($wire::VARCHAR IS NULL OR s.wire_source = $wire::VARCHAR)
  AND (len($relations::VARCHAR[]) = 0 OR list_contains($relations::VARCHAR[], coalesce(e.relation, 'original')))
  AND ($text::VARCHAR IS NULL
       OR a.title ILIKE '%' || $text::VARCHAR || '%'
       OR s.headline ILIKE '%' || $text::VARCHAR || '%'
       OR a.article_id = $text::VARCHAR
       OR a.story_id = $text::VARCHAR)
ORDER BY a.published_at DESC NULLS LAST, a.article_id
LIMIT $limit;
