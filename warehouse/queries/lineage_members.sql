-- Members of the given stories as lineage needs them. `cited` is sorted: unsorted, its order followed the
-- table's scan order, so the same run could store different evidence, and lineage breaks ties between
-- equally cited wires by list order.
SELECT a.article_id, a.outlet,
       coalesce(nullif(a.title, ''), left(split_part(a.clean_text, chr(10), 1), 160)) AS headline,
       a.published_at,
       (SELECT count(*) FROM wt.quotes q WHERE q.article_id = a.article_id) AS n_quotes,
       coalesce((SELECT list([t.source, t.kind, t.phrase] ORDER BY t.source, t.kind, t.phrase) FROM wt.attributions t WHERE t.article_id = a.article_id), [])
           AS cited,
       a.clean_text
FROM wt.articles a
WHERE a.article_id IN (SELECT unnest($ids::VARCHAR[]));
