-- The names of the databases attached to the connection.
SELECT database_name FROM duckdb_databases();
