-- Records of the files taken from the inbox folder $prefix (its absolute path and a separator).
SELECT path, size, mtime_ns, content_hash FROM wt.inbox_files WHERE starts_with(path, $prefix);
