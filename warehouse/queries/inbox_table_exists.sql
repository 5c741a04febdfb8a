-- Whether the warehouse has the inbox table (migration 0003) yet.
SELECT count(*) = 1 FROM duckdb_tables() WHERE schema_name = 'wt' AND table_name = 'inbox_files';
