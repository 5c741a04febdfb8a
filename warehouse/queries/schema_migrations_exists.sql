-- One row if the warehouse has its migration ledger (wt.schema_migrations), none otherwise.
SELECT 1 FROM duckdb_tables() WHERE schema_name = 'wt' AND table_name = 'schema_migrations';
