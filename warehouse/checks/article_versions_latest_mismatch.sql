-- Every article has versions 1..n; exactly the latest has NULL text, with the article's content hash.
SELECT a.article_id
FROM articles a
LEFT JOIN article_versions v USING (article_id)
GROUP BY a.article_id, a.content_hash
HAVING count(v.version) = 0
    OR count(v.version) <> max(v.version) OR min(v.version) <> 1
    OR count(*) FILTER (WHERE v.text IS NULL) <> 1
    OR any_value(v.content_hash) FILTER (WHERE v.text IS NULL) IS DISTINCT FROM a.content_hash
    OR any_value(v.version) FILTER (WHERE v.text IS NULL) <> max(v.version)
UNION ALL
SELECT article_id FROM article_versions WHERE article_id NOT IN (SELECT article_id FROM articles);
