-- The columns of every base table of schema wt (the hot part) of the open warehouse, in order.
SELECT table_name, column_name, data_type FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'wt'
ORDER BY table_name, column_index;
