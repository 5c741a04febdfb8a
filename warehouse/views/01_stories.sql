-- lineage.stories: one row per story with its root, cited wire, and size.
CREATE OR REPLACE VIEW lineage.stories AS
SELECT s.story_id, s.root_article_id, s.wire_source, s.headline,
       min(a.published_at) AS first_published_at,
       max(a.published_at) AS last_published_at,
       count(*) AS n_articles,
       count(DISTINCT a.outlet) AS n_outlets,
       s.run_id
FROM whole.stories s
JOIN whole.story_members m USING (story_id)
JOIN whole.articles a USING (article_id)
GROUP BY s.story_id, s.root_article_id, s.wire_source, s.headline, s.run_id;
