-- lineage.quarantine: input records that could not be used, with the reason.
CREATE OR REPLACE VIEW lineage.quarantine AS
SELECT source_file, record_ref, reason, payload, run_id, quarantined_at FROM whole.quarantine;
