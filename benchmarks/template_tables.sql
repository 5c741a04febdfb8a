-- Big warehouse: the names of the template's tables in schema wt (the builder copies or knowingly skips each).
SELECT table_name FROM duckdb_tables() WHERE database_name = 'tpl' AND schema_name = 'wt' ORDER BY table_name;
