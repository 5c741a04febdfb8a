-- Big warehouse: the template's lineage edges as one replica (evidence JSON kept as it is). Parameter: prefix.
INSERT INTO wt.edges BY NAME
SELECT * REPLACE (
    $prefix || article_id AS article_id,
    $prefix || parent_article_id AS parent_article_id,
    $prefix || story_id AS story_id,
    $prefix || run_id AS run_id
)
FROM tpl.wt.edges;
