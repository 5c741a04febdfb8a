-- Big warehouse: the template's story merges as one replica. Parameter: prefix.
INSERT INTO wt.story_merges BY NAME
SELECT * REPLACE ($prefix || survivor AS survivor, $prefix || merged AS merged, $prefix || run_id AS run_id)
FROM tpl.wt.story_merges;
