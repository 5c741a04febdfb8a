-- Per-part totals and the views' fingerprint, so that a run attaches no part it does not read:
-- a run's totals add the listed parts' counts to the hot part's, and the views are recreated
-- (which binds them against every part) only when what they are built from changed.
ALTER TABLE wt.parts ADD COLUMN n_stories BIGINT;        -- NULL until counted (parts listed before 0006)
ALTER TABLE wt.parts ADD COLUMN n_primary_edges BIGINT;
CREATE TABLE wt.views_applied (
    seq          BIGINT NOT NULL,    -- 1, 2, …: the latest row describes the views as they are
    fingerprint  VARCHAR NOT NULL,   -- of the view files, the whole views' code, the hot tables' columns and the listed parts
    applied_at   TIMESTAMPTZ NOT NULL
);
