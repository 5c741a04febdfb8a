-- lineage.articles: one row per article; story_id is never null.
CREATE OR REPLACE VIEW lineage.articles AS
SELECT a.article_id, a.url, a.outlet, a.title, a.published_at, a.lang, m.story_id, a.first_seen_at,
       a.byline, a.dateline, a.run_id
FROM wt.articles a
JOIN wt.story_members m USING (article_id);
