-- Big warehouse: the template's stories as one replica, ages after the older replicas'. Parameters: prefix, age_offset.
INSERT INTO wt.stories BY NAME
SELECT * REPLACE (
    $prefix || story_id AS story_id,
    $prefix || root_article_id AS root_article_id,
    age + $age_offset AS age,
    $prefix || created_run AS created_run,
    $prefix || run_id AS run_id
)
FROM tpl.wt.stories;
