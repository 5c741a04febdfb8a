-- Big warehouse: the tables of the new part attached as `newpart` (must be exactly warehouse.parts.FROZEN_TABLES).
SELECT table_name FROM duckdb_tables() WHERE database_name = 'newpart' AND schema_name = 'wt' ORDER BY table_name;
