-- Big warehouse: the template's articles as one replica: ids and URL paths prefixed, dates shifted back, texts as they are. Parameters: prefix, shift_minutes.
INSERT INTO wt.articles BY NAME
SELECT * REPLACE (
    $prefix || article_id AS article_id,
    regexp_replace(url, '(://[^/]+/)', '\1' || $prefix) AS url,
    published_at - to_minutes($shift_minutes) AS published_at,
    first_seen_at - to_minutes($shift_minutes) AS first_seen_at,
    $prefix || run_id AS run_id
)
FROM tpl.wt.articles;
