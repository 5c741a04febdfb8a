-- Big warehouse: the template's attributions as one replica. Parameter: prefix.
INSERT INTO wt.attributions BY NAME
SELECT * REPLACE ($prefix || article_id AS article_id, $prefix || run_id AS run_id) FROM tpl.wt.attributions;
