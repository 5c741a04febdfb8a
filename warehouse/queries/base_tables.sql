-- Base tables of the current database (schema, table), in a stable order.
SELECT schema_name, table_name
FROM duckdb_tables()
WHERE database_name = current_database() AND NOT temporary
ORDER BY schema_name, table_name
