-- Lineage edges (registered as `new_edges`, one row per edge with its story and run).
INSERT INTO wt.edges
SELECT article_id, parent_article_id, parent_source, relation, confidence, is_primary, evidence, story_id, run_id
FROM new_edges;
