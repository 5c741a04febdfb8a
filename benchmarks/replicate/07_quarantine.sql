-- Big warehouse: the template's quarantined records as one replica (file names prefixed). Parameters: prefix, shift_minutes.
INSERT INTO wt.quarantine BY NAME
SELECT * REPLACE (
    $prefix || source_file AS source_file,
    $prefix || run_id AS run_id,
    quarantined_at - to_minutes($shift_minutes) AS quarantined_at
)
FROM tpl.wt.quarantine;
