-- Runs that fail or crash are recorded too (issue "Unattended for a month"): status is one of
-- running | succeeded | failed | crashed; error says why a run failed or crashed.
ALTER TABLE wt.runs ADD COLUMN error VARCHAR;
