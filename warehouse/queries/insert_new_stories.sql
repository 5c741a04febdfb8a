-- New stories, their first member as a provisional root (lineage sets the real one in the same
-- run); their ages follow the youngest stored story's, in list order. Parameters: story_ids and
-- first_members (equal-length lists), run_id.
INSERT INTO wt.stories (story_id, root_article_id, wire_source, headline, age, created_run, run_id)
SELECT $story_ids[i], $first_members[i], NULL, NULL, (SELECT coalesce(max(age), 0) FROM wt.stories) + i, $run_id, $run_id
FROM range(1, len($story_ids::VARCHAR[]) + 1) AS t(i);
