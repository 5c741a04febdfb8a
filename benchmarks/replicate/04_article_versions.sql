-- Big warehouse: the template's article versions as one replica. Parameters: prefix, shift_minutes.
INSERT INTO wt.article_versions BY NAME
SELECT * REPLACE (
    $prefix || article_id AS article_id,
    published_at - to_minutes($shift_minutes) AS published_at,
    seen_at - to_minutes($shift_minutes) AS seen_at,
    $prefix || run_id AS run_id
)
FROM tpl.wt.article_versions;
