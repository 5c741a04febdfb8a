-- Before revised articles (registered as `revised_articles`) are overwritten, keep the text of
-- their current version in its version row (the current version's text is otherwise NULL there).
UPDATE wt.article_versions v
SET text = a.text
FROM wt.articles a
WHERE a.article_id = v.article_id
  AND v.text IS NULL
  AND a.article_id IN (SELECT article_id FROM revised_articles);
