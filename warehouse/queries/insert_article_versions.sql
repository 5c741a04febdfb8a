-- A version row for each new or revised article (registered as `versioned_articles`):
-- version 1 for a new article, the next number for a revised one; its text lives in wt.articles.
INSERT INTO wt.article_versions
SELECT b.article_id, coalesce(v.latest, 0) + 1, a.content_hash, a.title, a.published_at, NULL, now(), $run_id
FROM versioned_articles b
JOIN wt.articles a USING (article_id)
LEFT JOIN (
    SELECT article_id, max(version) AS latest FROM wt.article_versions
    WHERE article_id IN (SELECT article_id FROM versioned_articles)
    GROUP BY article_id
) v USING (article_id);
