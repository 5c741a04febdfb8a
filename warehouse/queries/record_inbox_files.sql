-- Record the files this run takes from the inbox (registered as `inbox_taken`), replacing earlier records of a path.
INSERT INTO wt.inbox_files
SELECT path, size, mtime_ns, content_hash, $run_id, now() FROM inbox_taken
ON CONFLICT (path) DO UPDATE SET
    size = excluded.size, mtime_ns = excluded.mtime_ns, content_hash = excluded.content_hash,
    run_id = excluded.run_id, taken_at = excluded.taken_at;
