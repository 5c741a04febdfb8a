-- `wiretrace explain`: every lineage edge of a story, with its evidence as JSON text.
SELECT article_id, parent_article_id, parent_source, relation, confidence, is_primary, evidence::VARCHAR AS evidence
FROM lineage.edges
WHERE story_id = $story_id
ORDER BY article_id, is_primary DESC, confidence DESC;
