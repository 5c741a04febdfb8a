-- The parts to write: per month of the temp table `freezing` (article_id, month), its articles' dates and count.
SELECT f.month, min(a.published_at), max(a.published_at), count(*)
FROM freezing f
JOIN wt.articles a USING (article_id)
GROUP BY f.month
ORDER BY f.month;
