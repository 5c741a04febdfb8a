-- Record that story `merged` was absorbed into `survivor`. Parameters: survivor, merged, run_id.
INSERT INTO wt.story_merges VALUES ($survivor, $merged, $run_id);
