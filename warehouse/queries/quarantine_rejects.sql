-- Rejected records (registered as `batch_rejects`) into the quarantine, once per file, record and reason.
INSERT INTO wt.quarantine
SELECT DISTINCT ON (source_file, record_ref, reason) source_file, record_ref, reason, payload, $run_id, now()
FROM batch_rejects
ON CONFLICT DO NOTHING;
