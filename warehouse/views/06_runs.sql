-- lineage.runs: every run, with its Prefect flow-run id, parameters and library versions.
CREATE OR REPLACE VIEW lineage.runs AS
SELECT run_id, flow_run_id, started_at, finished_at, status, inputs, parameters, versions, counts FROM wt.runs;
