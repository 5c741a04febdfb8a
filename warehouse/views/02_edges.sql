-- lineage.edges: where each derived article's text came from; one primary parent per article.
CREATE OR REPLACE VIEW lineage.edges AS
SELECT article_id, parent_article_id, parent_source, relation, confidence, is_primary, evidence, story_id, run_id
FROM whole.edges;
