-- Big warehouse: the template's signature parameters, once (the first replica's run names them). Parameter: prefix.
INSERT INTO wt.signature_params BY NAME
SELECT * REPLACE ($prefix || run_id AS run_id) FROM tpl.wt.signature_params
ON CONFLICT DO NOTHING;
