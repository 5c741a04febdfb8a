-- The base tables of schema wt (the hot part) of the open warehouse, by name.
SELECT table_name FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'wt' AND NOT temporary
ORDER BY table_name;
