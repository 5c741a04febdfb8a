-- Whether the open warehouse has the list of frozen parts (migration 0005).
SELECT 1 FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'wt' AND table_name = 'parts';
