-- Big warehouse: the template's quotes as one replica. Parameter: prefix.
INSERT INTO wt.quotes BY NAME
SELECT * REPLACE ($prefix || article_id AS article_id, $prefix || run_id AS run_id) FROM tpl.wt.quotes;
