-- The inbox ("Unattended for a month"): every file a run has taken from an inbox folder, as it was when taken.

-- One row per file path: a file is taken again (and its row replaced) only when it changes.
CREATE TABLE wt.inbox_files (
    path           VARCHAR PRIMARY KEY,   -- absolute path of the file
    size           BIGINT NOT NULL,       -- bytes
    mtime_ns       BIGINT NOT NULL,       -- modification time, ns since the epoch (the quick check)
    content_hash   VARCHAR NOT NULL,      -- SHA-1 of the bytes
    run_id         VARCHAR NOT NULL,      -- the run that took it (last)
    taken_at       TIMESTAMPTZ NOT NULL
);
