-- Whether the warehouse has the polling tables (migration 0002) yet.
SELECT count(*) = 2 FROM duckdb_tables() WHERE schema_name = 'wt' AND table_name IN ('http_cache', 'feed_entries');
