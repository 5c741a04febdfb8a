-- lineage.article_versions: every version of every article; the latest one's text is the article's.
CREATE OR REPLACE VIEW lineage.article_versions AS
SELECT v.article_id, v.version, v.content_hash, v.title, v.published_at,
       coalesce(v.text, a.text) AS text, v.version = max(v.version) OVER (PARTITION BY v.article_id) AS is_latest,
       v.seen_at, v.run_id
FROM whole.article_versions v
JOIN whole.articles a USING (article_id);
