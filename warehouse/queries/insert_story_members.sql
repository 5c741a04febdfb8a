-- Story memberships. Parameters: article_ids and story_ids (equal-length lists), run_id.
INSERT INTO wt.story_members SELECT unnest($article_ids::VARCHAR[]), unnest($story_ids::VARCHAR[]), $run_id;
