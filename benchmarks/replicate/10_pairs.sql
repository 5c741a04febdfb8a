-- Big warehouse: the template's verified pairs as one replica (a common prefix keeps a < b). Parameter: prefix.
INSERT INTO wt.pairs BY NAME
SELECT * REPLACE ($prefix || a AS a, $prefix || b AS b, $prefix || run_id AS run_id) FROM tpl.wt.pairs;
