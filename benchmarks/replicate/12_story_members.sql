-- Big warehouse: the template's story members as one replica. Parameter: prefix.
INSERT INTO wt.story_members BY NAME
SELECT * REPLACE ($prefix || article_id AS article_id, $prefix || story_id AS story_id, $prefix || run_id AS run_id)
FROM tpl.wt.story_members;
