-- lineage.inbox_files: every file taken from an inbox, with the run that took it (a changed file is taken again).
CREATE OR REPLACE VIEW lineage.inbox_files AS
SELECT path, size, make_timestamp(mtime_ns // 1000) AS modified_at, content_hash, run_id, taken_at
FROM whole.inbox_files;
