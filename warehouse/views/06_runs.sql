-- lineage.runs: every run (succeeded, failed or crashed), with its Prefect flow-run id, parameters, library versions and error.
CREATE OR REPLACE VIEW lineage.runs AS
SELECT run_id, flow_run_id, started_at, finished_at, status, inputs, parameters, versions, counts, error FROM whole.runs;
