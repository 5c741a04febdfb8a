-- lineage.articles: one row per article (its latest version); story_id is never null.
-- version: how many versions of the article have been seen; updated_at: when the latest was stored.
CREATE OR REPLACE VIEW lineage.articles AS
SELECT a.article_id, a.url, a.outlet, a.title, a.published_at, a.lang, m.story_id, a.first_seen_at,
       a.byline, a.dateline, a.run_id, v.version, v.updated_at
FROM whole.articles a
JOIN whole.story_members m USING (article_id)
JOIN (SELECT article_id, max(version) AS version, max(seen_at) AS updated_at
      FROM whole.article_versions GROUP BY article_id) v USING (article_id);
