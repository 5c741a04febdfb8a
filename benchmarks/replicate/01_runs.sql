-- Big warehouse: the template's runs as one replica (ids prefixed, times shifted back). Parameters: prefix, shift_minutes.
INSERT INTO wt.runs BY NAME
SELECT * REPLACE (
    $prefix || run_id AS run_id,
    started_at - to_minutes($shift_minutes) AS started_at,
    finished_at - to_minutes($shift_minutes) AS finished_at
)
FROM tpl.wt.runs;
